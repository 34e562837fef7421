"""Soak: a `quotecheck serve` answering mixed web requests for minutes while a writer indexes and removes in a loop.

    python -m benchmarks.soak [--seconds 540] [--base 150] [--batch 10] [--clients 2] [--embedder hash|use]

A store of `--base` generated articles (examples/articles/ with paragraphs shuffled, names and numbers
substituted) is served by a real `quotecheck serve` subprocess. Client threads send, without pause, a mix of
POST /api/verify, /api/check, /api/ask and GET /api/quotes, /api/articles, /api/health, / (claims made from the
base articles' quotes: verbatim, one word changed, another speaker). Meanwhile a writer, another process as a
cron job is, runs `quotecheck index` of `--batch` new articles, then `quotecheck remove` of the previous batch,
over and over. Against a local store, or a Chroma server when QUOTECHECK_CHROMA_URL is set.

Reports: failed requests (the goal is 0: any status but 200, or a connection error), latency percentiles, the
writer's rounds, whether the served articles match what the writer left, and the server's RSS sampled every
5 s: start, end and slope (least squares, MB per minute, over the whole run and its second half, which
leaves the warm-up out). Bounded: the loop stops after `--seconds`. Writes benchmarks/results/soak.json and
benchmarks/SOAK.md. Not a test: `make soak`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
QC = [sys.executable, "-m", "assistant.cli"]
NAMES = ["Jensen Huang", "Roman Prymula", "Charlotte Rampling", "Zach Parise", "Bong Joon Ho", "Joaquin Phoenix",
         "Renee Zellweger", "Brad Pitt", "Donald Trump", "Andrej Babiš"]
POOL_FIRST = ["Marie", "Jean", "Sofia", "Karim", "Lena", "Paul", "Aiko", "Tomas", "Ines", "Omar", "Clara", "Luc"]
POOL_LAST = ["Dupont", "Martin", "Novak", "Rossi", "Tanaka", "Keller", "Moreau", "Haddad", "Svoboda", "Larsen"]
_NUMBER = re.compile(r"\b\d{1,4}\b")


def generate(folder: Path, first: int, count: int, rng: random.Random) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    paths = []
    for n in range(first, first + count):
        title, _, body = sources[n % len(sources)].partition("\n")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        rng.shuffle(paragraphs)
        body = "\n\n".join(paragraphs)
        for name in NAMES:
            if name in body or name in title:
                new = f"{rng.choice(POOL_FIRST)} {rng.choice(POOL_LAST)}"
                body, title = body.replace(name, new), title.replace(name, new)
                body = re.sub(rf"\b{re.escape(name.split()[-1])}\b", new.split()[-1], body)
        body = _NUMBER.sub(lambda m: str(rng.randint(1, 9999)), body)
        path = folder / f"soak_{n:05d}.txt"
        path.write_text(f"{title} ({n})\n\n{body}\n", encoding="utf-8")
        paths.append(path)
    return paths


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def anonymous_mb(pid: int) -> float:
    """The part of RSS no file backs (heaps: Python's, Chroma's, the BLAS buffers); the rest is mapped files."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Anonymous:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def folder_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20 if folder.exists() else 0.0


def slope(points: list[tuple[float, float]]) -> float | None:
    """Least-squares MB per minute of (seconds, MB) samples."""
    if len(points) < 3:
        return None
    xs, ys = [p[0] / 60 for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return round(sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / var, 3) if var else None


def call(url: str, body: dict | None = None, timeout: float = 120.0) -> tuple[int, object]:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"} if data else {})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read()
            kind = response.headers.get("content-type", "")
            return response.status, json.loads(raw) if "json" in kind else raw[:100]
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode(errors="replace")[:300]
    except OSError as exc:
        return -1, str(exc)


def make_calls(quotes: list[dict], rng: random.Random) -> tuple[str, str, dict | None]:
    q = rng.choice(quotes)
    speakers = sorted({x["speaker"] for x in quotes})
    kind = rng.choices(["verify", "check", "ask", "quotes", "articles", "health", "page"], [5, 2, 2, 1, 1, 1, 1])[0]
    words = q["text"].split()
    if kind == "verify":
        how = rng.choice(["verbatim", "altered", "other_speaker"])
        if how == "altered":
            words[rng.randrange(len(words))] = rng.choice(["jamais", "never", "toujours", "always", "1234"])
        speaker = rng.choice(speakers) if how == "other_speaker" else q["speaker"]
        return kind, "/api/verify", {"claim": " ".join(words), "speaker": speaker}
    if kind == "check":
        return kind, "/api/check", {"text": f"« {q['text']} », a déclaré {q['speaker']}."}
    if kind == "ask":
        return kind, "/api/ask", {"question": rng.choice([f"Qu'a dit {q['speaker']} ?", f"What did {q['speaker']} say?"])}
    if kind == "quotes":
        return kind, f"/api/quotes?limit=20&speaker={urllib.request.quote(q['speaker'])}", None
    return kind, {"articles": "/api/articles", "health": "/api/health", "page": "/"}[kind], None


def start_server(store: Path, env: dict, log: Path) -> tuple[subprocess.Popen, str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*QC, "--store", str(store), "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=open(log, "w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if call(f"{url}/api/health", timeout=2)[0] == 200:
            return server, url
        time.sleep(0.5)
    server.kill()
    raise SystemExit(f"serve did not start: {log.read_text()[-500:]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=540.0, help="length of the loop (setup comes on top)")
    parser.add_argument("--base", type=int, default=150, help="articles indexed before serving (never removed)")
    parser.add_argument("--batch", type=int, default=10, help="articles the writer indexes, then removes, per round")
    parser.add_argument("--clients", type=int, default=2)
    parser.add_argument("--embedder", default="hash", choices=["hash", "use"],
                        help="hash keeps the run bounded on 2 cores; use is the product default")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "soak.json"))
    parser.add_argument("--report", default=str(ROOT / "benchmarks" / "SOAK.md"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    env = dict(os.environ, QUOTECHECK_EMBEDDER=args.embedder, ANONYMIZED_TELEMETRY="False")
    env.pop("QUOTECHECK_TOKEN", None)
    mode = "server" if env.get("QUOTECHECK_CHROMA_URL") else "local"
    began = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quotecheck-soak-") as tmp:
        tmp = Path(tmp)
        store = tmp / "store"
        generate(tmp / "base", 0, args.base, rng)
        done = subprocess.run([*QC, "--store", str(store), "index", str(tmp / "base")], cwd=ROOT, env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(f"indexing the base failed: {done.stderr[-500:]}")
        server, url = start_server(store, env, tmp / "serve.log")
        quotes = [q for q in call(f"{url}/api/quotes")[1] if q.get("speaker") and len(q["text"].split()) >= 4]
        quotes = quotes or [{"text": "Nous reprendrons les livraisons de puces", "speaker": "Marie Dupont"}]
        stop = threading.Event()
        latencies: dict[str, list[float]] = {}
        failures: Counter = Counter()
        examples: list[str] = []
        rss: list[tuple[float, float]] = []
        anon: list[tuple[float, float]] = []  # the anonymous part of the server's RSS
        disk: list[tuple[float, float]] = []  # the store folder's size
        writer = {"rounds": 0, "indexed": 0, "removed": 0, "failed": [], "served_after": None}
        t0 = time.monotonic()

        def client(seed: int) -> None:
            crng = random.Random(seed)
            while not stop.is_set():
                kind, path, body = make_calls(quotes, crng)
                started = time.monotonic()
                status, got = call(url + path, body)
                latencies.setdefault(kind, []).append(time.monotonic() - started)
                if status != 200:
                    failures[f"{kind} {status}"] += 1
                    if len(examples) < 5:
                        examples.append(f"{kind} {path}: {status} {str(got)[:200]}")

        def write() -> None:
            previous: list[Path] = []
            n = args.base
            while not stop.is_set():
                batch = generate(tmp / f"round{writer['rounds']}", n, args.batch, rng)
                n += args.batch
                for argv in (["index", str(batch[0].parent)], ["remove", *map(str, previous)] if previous else None):
                    if argv is None:
                        continue
                    got = subprocess.run([*QC, "--store", str(store), *argv], cwd=ROOT, env=env, capture_output=True,
                                         text=True)
                    if got.returncode != 0:
                        writer["failed"].append(f"{argv[0]}: {got.stderr[-200:]}")
                writer["rounds"] += 1
                writer["indexed"] += len(batch)
                writer["removed"] += len(previous)
                previous = batch

        def sample() -> None:
            while not stop.is_set():
                now = time.monotonic() - t0
                rss.append((now, rss_mb(server.pid)))
                anon.append((now, anonymous_mb(server.pid)))
                disk.append((now, folder_mb(store)))
                stop.wait(5.0)

        threads = [threading.Thread(target=client, args=(args.seed + i,)) for i in range(args.clients)]
        threads += [threading.Thread(target=write), threading.Thread(target=sample)]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds)
        stop.set()
        for thread in threads:
            thread.join(timeout=600)
        time.sleep(2.5)  # the server notices the writer's last generation within REFRESH_SECONDS
        on_disk = {str(p) for p in tmp.glob("base/*.txt")} | {str(p) for p in
                                                              (tmp / f"round{writer['rounds'] - 1}").glob("*.txt")}
        status, served = call(f"{url}/api/articles")
        writer["served_after"] = status == 200 and {a["source"] for a in served} == on_disk
        server.terminate()
        server.wait(timeout=30)
    report = {
        "mode": mode, "embedder": args.embedder, "seconds": round(time.monotonic() - began, 1),
        "loop_seconds": args.seconds, "base_articles": args.base, "clients": args.clients,
        "requests": sum(len(v) for v in latencies.values()), "by_kind": {k: len(v) for k, v in sorted(latencies.items())},
        "errors": sum(failures.values()), "error_kinds": dict(failures), "error_examples": examples,
        "latency_ms": {k: {"p50": round(1000 * statistics.median(v), 1),
                           "p95": round(1000 * statistics.quantiles(v, n=20)[-1], 1) if len(v) >= 20 else None,
                           "max": round(1000 * max(v), 1)} for k, v in sorted(latencies.items())},
        "writer": writer,
        "rss_mb": {**_growth(rss), "max": round(max(p[1] for p in rss), 1) if rss else None, "samples": len(rss)},
        "anonymous_mb": _growth(anon), "store_folder_mb": _growth(disk),
        "series": [[round(t), round(a, 1), round(b, 1), round(c, 1)] for (t, a), (_, b), (_, c) in zip(rss, anon, disk)],
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    Path(args.report).write_text(render(report), encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    ok = not report["errors"] and not writer["failed"] and writer["served_after"]
    return 0 if ok else 1


def _growth(points: list[tuple[float, float]]) -> dict:
    """First and last sample (MB) and the least-squares slope over the whole run and over its second half."""
    half = [p for p in points if p[0] >= points[-1][0] / 2] if points else []
    return {"start": round(points[0][1], 1) if points else None, "end": round(points[-1][1], 1) if points else None,
            "slope_mb_per_min": slope(points), "slope_second_half_mb_per_min": slope(half)}


def _by_minute(series: list[list[float]]) -> str:
    """The last RSS sample of each minute of the loop."""
    last: dict[int, float] = {}
    for t, rss, _anon, _disk in series:
        last[int(t // 60)] = rss
    return ", ".join(f"{v:.0f}" for _, v in sorted(last.items()))


def render(r: dict) -> str:
    rss, w = r["rss_mb"], r["writer"]
    lines = [
        "# Soak: `quotecheck serve` while another process indexes and removes (`make soak`)", "",
        f"{r['mode']} store, {r['embedder']} embedder, {r['base_articles']} base articles, {r['clients']} client "
        f"threads without pause, {r['loop_seconds']:.0f} s loop ({r['seconds']:.0f} s with setup), on a shared 2-core VM.", "",
        f"- **requests: {r['requests']}, failed: {r['errors']}** ({', '.join(f'{k} {v}' for k, v in r['by_kind'].items())})",
        f"- writer: {w['rounds']} rounds, {w['indexed']} articles indexed, {w['removed']} removed, "
        f"{len(w['failed'])} failed commands; served articles after the run match the store: {w['served_after']}",
        f"- server RSS: start {rss['start']} MB, end {rss['end']} MB, max {rss['max']} MB; slope "
        f"{rss['slope_mb_per_min']} MB/min over the run, {rss['slope_second_half_mb_per_min']} MB/min over its "
        f"second half ({rss['samples']} samples, every 5 s)",
        *[f"- {what}: start {g['start']} MB, end {g['end']} MB; slope {g['slope_mb_per_min']} MB/min over the run, "
          f"{g['slope_second_half_mb_per_min']} MB/min over its second half"
          for what, g in (("of which anonymous (not file-backed)", r.get("anonymous_mb")),
                          ("store folder on disk", r.get("store_folder_mb"))) if g],
        *([f"- server RSS each minute (MB): {_by_minute(r['series'])}"] if r.get("series") else []), "",
        "| request | p50 ms | p95 ms | max ms |", "|---|---|---|---|",
        *[f"| {k} | {v['p50']} | {v['p95']} | {v['max']} |" for k, v in r["latency_ms"].items()], "",
    ]
    if r["error_examples"]:
        lines += ["Failures:", "", *[f"- `{e}`" for e in r["error_examples"]], ""]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
