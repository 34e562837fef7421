"""Soak: index a few thousand generated articles, then thousands of mixed verify/ask/search calls.

    python -m benchmarks.soak [--articles 2000] [--calls 5000] [--embedder hash|use] [--max-seconds 1800]

Articles are derived from examples/articles/ (paragraphs shuffled, names and numbers substituted),
so every one differs. Calls are verify (claims made from indexed quotes: verbatim, one word changed,
another speaker), ask and search. Reports errors (the goal is 0), latency percentiles, and RSS at
start, after indexing and at the end. Bounded: stops at --calls or --max-seconds, whichever first.
Not a test: run it by hand or with `make soak`; results go to benchmarks/results/soak.json.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import statistics
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "articles"
NAMES = ["Jensen Huang", "Roman Prymula", "Charlotte Rampling", "Zach Parise", "Bong Joon Ho", "Joaquin Phoenix",
         "Renee Zellweger", "Brad Pitt", "Donald Trump", "Andrej Babiš"]
POOL_FIRST = ["Marie", "Jean", "Sofia", "Karim", "Lena", "Paul", "Aiko", "Tomas", "Ines", "Omar", "Clara", "Luc"]
POOL_LAST = ["Dupont", "Martin", "Novak", "Rossi", "Tanaka", "Keller", "Moreau", "Haddad", "Svoboda", "Larsen"]
_NUMBER = re.compile(r"\b\d{1,4}\b")


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


def generate(folder: Path, count: int, rng: random.Random) -> None:
    sources = [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.txt"))]
    for n in range(count):
        text = sources[n % len(sources)]
        title, _, body = text.partition("\n")
        paragraphs = [p for p in body.split("\n\n") if p.strip()]
        rng.shuffle(paragraphs)
        body = "\n\n".join(paragraphs)
        for name in NAMES:
            if name in body or name in title:
                new = f"{rng.choice(POOL_FIRST)} {rng.choice(POOL_LAST)}"
                body, title = body.replace(name, new), title.replace(name, new)
                surname, new_surname = name.split()[-1], new.split()[-1]
                body = re.sub(rf"\b{re.escape(surname)}\b", new_surname, body)
        body = _NUMBER.sub(lambda m: str(rng.randint(1, 9999)), body)
        (folder / f"soak_{n:05d}.txt").write_text(f"{title} ({n})\n\n{body}\n", encoding="utf-8")


def make_calls(index, count: int, rng: random.Random) -> list[tuple[str, tuple]]:
    quotes = [q for q in index.quotes() if q.speaker and len(q.text.split()) >= 4]
    speakers = sorted({q.speaker for q in quotes})
    calls = []
    for _ in range(count):
        kind = rng.choices(["verify", "ask", "search"], weights=[4, 3, 3])[0]
        q = rng.choice(quotes) if quotes else None
        if kind == "verify" and q:
            words = q.text.split()
            how = rng.choice(["verbatim", "altered", "other_speaker"])
            if how == "altered":
                words[rng.randrange(len(words))] = rng.choice(["jamais", "never", "toujours", "always", "1234"])
            speaker = rng.choice(speakers) if how == "other_speaker" else q.speaker
            calls.append(("verify", (" ".join(words), speaker)))
        elif kind == "ask" and q:
            calls.append(("ask", (rng.choice([f"Qu'a dit {q.speaker} ?", f"What did {q.speaker} say?",
                                              f"Que pense {q.speaker} de {rng.choice(q.text.split())} ?"]),)))
        else:
            words = (q.text if q else "export licence").split()
            start = rng.randrange(max(1, len(words) - 3))
            calls.append(("search", (" ".join(words[start:start + 4]),)))
    return calls


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--calls", type=int, default=5000)
    parser.add_argument("--embedder", default="hash", choices=["hash", "use"],
                        help="hash keeps the run bounded on 2 cores; use is the product default")
    parser.add_argument("--max-seconds", type=float, default=1800.0, help="stop calling after this (indexing included)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "soak.json"))
    args = parser.parse_args()

    from retrieval.index import Index
    from retrieval.settings import Settings

    try:
        from assistant.answer import answer_question
        from assistant.verification import verify_claim
        missing = None
    except ImportError as exc:  # being written by others: search only, and say so
        answer_question = verify_claim = None
        missing = f"verify/ask unavailable ({exc}); search only"
        print(missing, file=sys.stderr)

    rng = random.Random(args.seed)
    started = time.monotonic()
    report: dict = {"articles": args.articles, "embedder": args.embedder, "rss_mb_start": rss_mb(), "note": missing}
    with tempfile.TemporaryDirectory(prefix="quotecheck-soak-") as tmp:
        corpus, store = Path(tmp) / "corpus", Path(tmp) / "store"
        corpus.mkdir()
        generate(corpus, args.articles, rng)
        index = Index.open(Settings(_env_file=None, quotecheck_store=store, quotecheck_embedder=args.embedder))
        t = time.monotonic()
        done = index.add_paths([str(corpus)], progress=lambda d, n: print(f"\rindexed {d}/{n}", end="", file=sys.stderr))
        print(file=sys.stderr)
        report.update(index_seconds=round(time.monotonic() - t, 1), indexed=len(done.added), index_errors=len(done.errors),
                      passages=done.passages, quotes=done.quotes, rss_mb_after_index=rss_mb(),
                      doctor=index.doctor())
        calls = make_calls(index, args.calls, rng)
        if verify_claim is None:
            calls = [c for c in calls if c[0] == "search"]
        latencies: dict[str, list[float]] = {"verify": [], "ask": [], "search": []}
        errors: Counter = Counter()
        examples: list[str] = []
        verdicts: Counter = Counter()
        for n, (kind, call_args) in enumerate(calls):
            if time.monotonic() - started > args.max_seconds:
                report["stopped_early"] = f"time budget reached after {n} calls"
                break
            t = time.monotonic()
            try:
                if kind == "verify":
                    verdicts[verify_claim(call_args[0], call_args[1], index).verdict] += 1
                elif kind == "ask":
                    answer = answer_question(call_args[0], index)
                    for c in answer.citations:  # every citation is exact source text
                        if c.article_id and index.article(c.article_id).text[c.start:c.end] != c.text:
                            raise AssertionError(f"inexact citation {c.source} [{c.start}:{c.end}]")
                else:
                    for hit in index.search(call_args[0], k=5):
                        if index.article(hit.article_id).text[hit.start:hit.end] != hit.text:
                            raise AssertionError(f"inexact hit {hit.source} [{hit.start}:{hit.end}]")
            except Exception as exc:  # the soak counts every failure, whatever it is
                errors[f"{kind}: {type(exc).__name__}"] += 1
                if len(examples) < 5:
                    examples.append(f"{kind}{call_args!r}: {traceback.format_exception_only(exc)[-1].strip()}")
            latencies[kind].append(time.monotonic() - t)
            if n % 250 == 0:
                print(f"{n} calls, {sum(errors.values())} errors, rss {rss_mb()} MB", file=sys.stderr)
        report.update(
            calls={k: len(v) for k, v in latencies.items()},
            errors=sum(errors.values()), error_kinds=dict(errors), error_examples=examples, verdicts=dict(verdicts),
            latency_ms={k: {"p50": round(1000 * statistics.median(v), 1),
                            "p95": round(1000 * statistics.quantiles(v, n=20)[-1], 1) if len(v) >= 20 else None,
                            "max": round(1000 * max(v), 1)} for k, v in latencies.items() if v},
            rss_mb_end=rss_mb(), seconds=round(time.monotonic() - started, 1),
        )
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 1 if report["errors"] or report["index_errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
