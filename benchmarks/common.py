"""What the measurement modules share: the run context, a report section, percentiles, peak RSS."""

from __future__ import annotations

import importlib
import os
import resource
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .corpus import SEED

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(f"[bench] {msg}", file=sys.stderr, flush=True)


@dataclass
class Section:
    """One measurement at one size: markdown lines for the report, one-line summary, raw figures."""

    name: str
    size: int | None
    lines: list[str] = field(default_factory=list)
    summary: list[str] = field(default_factory=list)
    figures: dict = field(default_factory=dict)
    skipped: str | None = None

    @classmethod
    def skip(cls, name: str, size: int | None, why: str) -> "Section":
        return cls(name, size, lines=[f"Skipped: {why}"], summary=[f"skipped ({why})"], skipped=why)


@dataclass
class Context:
    sizes: list[int]
    rebuild: bool = False
    build: bool = False  # build missing stores of any size
    build_max: int = 2000  # else build missing stores only up to this many articles
    seed: int = SEED
    _embedder: object = None
    _corpora: dict = field(default_factory=dict)
    _indexes: dict = field(default_factory=dict)

    @property
    def embedder(self):
        """One USE embedder for the whole run, loaded (and warmed) before anything is timed."""
        if self._embedder is None:
            from retrieval.embeddings import USEEmbedder

            self._embedder = USEEmbedder()
            self._embedder.embed(["warm-up", "échauffement"])
        return self._embedder

    def corpus(self, n: int):
        if n not in self._corpora:
            from .corpus import make_corpus

            self._corpora[n] = make_corpus(n, self.seed)
        return self._corpora[n]


def percentiles(samples_s: list[float]) -> dict:
    """p50/p95/mean/max in milliseconds."""
    ms = sorted(s * 1000 for s in samples_s)
    if not ms:
        return {}

    def pct(p: float) -> float:
        k = (len(ms) - 1) * p
        lo, hi = int(k), min(int(k) + 1, len(ms) - 1)
        return ms[lo] + (ms[hi] - ms[lo]) * (k - lo)

    return {"n": len(ms), "p50_ms": round(pct(0.5), 1), "p95_ms": round(pct(0.95), 1),
            "mean_ms": round(statistics.fmean(ms), 1), "max_ms": round(ms[-1], 1)}


def latency_table(label: str, stats: dict[str, dict], keys: tuple[str, ...]) -> list[str]:
    """Markdown rows of `percentiles` results, one per key present in `stats`, in the order of `keys`."""
    rows = [f"| {label} | n | p50 ms | p95 ms | mean ms | max ms |", "|---|---|---|---|---|---|"]
    for key in keys:
        if key in stats:
            s = stats[key]
            rows.append(f"| {key} | {s['n']} | {s['p50_ms']} | {s['p95_ms']} | {s['mean_ms']} | {s['max_ms']} |")
    return rows


def reset_peak_rss() -> bool:
    """Reset the kernel's peak-RSS mark of this process (Linux >= 4.0); False if not possible."""
    try:
        Path(f"/proc/{os.getpid()}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def peak_rss_mb() -> float:
    """Peak RSS since the last reset (VmHWM), else since the process started (getrusage)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def load_average() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "?"


def git_commit() -> str:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                             timeout=10)
        dirty = subprocess.run(["git", "status", "--porcelain", "retrieval"], cwd=ROOT, capture_output=True,
                               text=True, timeout=10).stdout.strip()
        return out.stdout.strip() + ("+dirty-retrieval" if dirty else "")
    except (OSError, subprocess.SubprocessError):
        return "?"


def missing(*targets: str) -> str | None:
    """None if every `module:attr` imports, else what was missing (the reason a benchmark is skipped)."""
    for target in targets:
        module, _, attr = target.partition(":")
        try:
            mod = importlib.import_module(module)
        except Exception as exc:  # noqa: BLE001 - a half-written module can fail in any way
            return f"`{module}` does not import yet ({type(exc).__name__}: {exc})"
        if attr and not hasattr(mod, attr):
            return f"`{module}.{attr}` does not exist yet"
    return None
