"""`verify` of one claim from a cold start (a new process), CPU time against `python -c "import chromadb"`.

Goal (issue 15): at most 1.5x. Both run as new processes, alternated, 7 times each, on a store of the
dev articles built at the start; the medians are compared. The first `verify` ever on a machine also
writes the models' cached copies (retrieval/model_cache.py): that one is reported apart.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from .common import ROOT, Context, Section, log

GOAL = 1.5
RUNS = 7
CLAIM = ["Les entreprises chinoises sont très talentueuses", "--speaker", "Jensen Huang"]


def child_cpu(cmd: list[str], env: dict) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(ctx: Context, _size: int | None = None) -> Section:
    sec = Section("coldstart", None)
    work = Path(tempfile.mkdtemp(prefix="qc-cold-"))
    try:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "QUOTECHECK_MODEL_CACHE": str(work / "models")}
        script = Path(sys.executable).with_name("quotecheck")  # the installed command, as a user runs it
        qc = [str(script)] if script.exists() else [sys.executable, "-m", "assistant.cli"]
        qc += ["--store", str(work / "store")]
        log("cold start: building a store of the dev articles")
        subprocess.run(qc + ["index", str(ROOT / "examples" / "articles")], env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
        shutil.rmtree(work / "models")  # the first verify below writes the copies again
        first = child_cpu(qc + ["verify", *CLAIM], env)
        chroma, verify = [], []
        for _ in range(RUNS):
            chroma.append(child_cpu([sys.executable, "-c", "import chromadb"], env))
            verify.append(child_cpu(qc + ["verify", *CLAIM], env))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    c, v = statistics.median(chroma), statistics.median(verify)
    ratio = v / c
    ok = ratio <= GOAL
    sec.figures = {"import_chromadb_cpu_s": chroma, "verify_cpu_s": verify, "first_verify_cpu_s": first, "ratio": ratio}
    sec.lines += [
        f"CPU seconds (user + system) of new processes, median of {RUNS}, alternated:",
        "",
        "| process | median CPU s | min | max |",
        "|---|---|---|---|",
        f"| `python -c \"import chromadb\"` | {c:.2f} | {min(chroma):.2f} | {max(chroma):.2f} |",
        f"| `quotecheck verify` one claim | {v:.2f} | {min(verify):.2f} | {max(verify):.2f} |",
        "",
        f"**ratio = {ratio:.2f}** (goal ≤ {GOAL}: {'met' if ok else 'NOT met'}). The first `verify` on a machine, "
        f"which writes the models' cached copies, took {first:.2f} CPU s.",
    ]
    sec.summary.append(f"verify cold start {v:.2f} CPU s = {ratio:.2f}× import chromadb ({c:.2f} s) "
                       f"(goal ≤ {GOAL}: {'ok' if ok else 'NOT met'})")
    return sec
