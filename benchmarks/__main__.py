"""python -m benchmarks [--sizes 1000,10000] [--only index,parallel,coldstart,search,extract,verify,ask,web] [--rebuild] [--build] [--build-max N]

Runs the selected measurements at each size, writes benchmarks/REPORT.md (and the raw figures to
benchmarks/results/, not versioned) and prints a summary. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import sys
import time
import traceback
from datetime import datetime, timezone
from pathlib import Path

from .common import ROOT, Context, Section, git_commit, load_average, log
from .stores import StoreNotBuilt

ALL = ("index", "parallel", "coldstart", "search", "extract", "verify", "ask", "web")
# Measurements that do not depend on the corpus size run once.
SIZELESS = {"extract", "parallel", "coldstart"}
MODULES = {"index": "indexing", "parallel": "parallel", "coldstart": "coldstart", "search": "search", "extract": "extract", "verify": "verify", "ask": "ask"}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[1])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in articles, comma-separated")
    ap.add_argument("--only", default=",".join(ALL), help=f"measurements to run, among {','.join(ALL)}")
    ap.add_argument("--rebuild", action="store_true", help="rebuild the bench stores instead of reusing them")
    ap.add_argument("--build", action="store_true",
                    help="build missing stores of any size, waiting for one another process is building")
    ap.add_argument("--build-max", type=int, default=2000, metavar="N",
                    help="without --build, build missing stores only up to N articles (default 2000); larger ones "
                         "are meant to be built once in the background with --build")
    ap.add_argument("--report", default=str(ROOT / "benchmarks" / "REPORT.md"), help="where to write the report")
    args = ap.parse_args(argv)
    try:
        args.sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        ap.error("--sizes takes integers, e.g. --sizes 1000,10000")
    args.only = [o.strip() for o in args.only.split(",") if o.strip()]
    unknown = [o for o in args.only if o not in ALL]
    if unknown:
        ap.error(f"unknown measurement(s) {', '.join(unknown)}; choose among {', '.join(ALL)}")
    return args


def run_one(ctx: Context, name: str, size: int | None) -> Section:
    log(f"{name} @ {size if size is not None else '-'} (load {load_average()})")
    try:
        if name == "web":
            return run_web(ctx, size)
        module = importlib.import_module(f".{MODULES[name]}", __package__)
        return module.run(ctx, size)
    except StoreNotBuilt as exc:
        return Section.skip(name, size, str(exc))
    except Exception as exc:  # noqa: BLE001 - one failed measurement must not lose the others
        traceback.print_exc()
        return Section(name, size, lines=[f"Failed: `{type(exc).__name__}: {exc}`"],
                       summary=[f"FAILED ({type(exc).__name__}: {exc})"], skipped=f"failed: {exc}")


def run_web(ctx: Context, size: int) -> Section:
    """`benchmarks.web.run(index)`, written by the web engineer, on the store of this size."""
    from .common import missing
    from .stores import ensure_store, open_index

    why = missing("benchmarks.web:run")
    if why:
        return Section.skip("web", size, why)
    from . import web

    path, _meta = ensure_store(ctx, size, extract=True)
    result = web.run(open_index(ctx, path))
    sec = Section("web", size, figures={"result": result})
    if isinstance(result, dict):
        sec.lines += ["| figure | value |", "|---|---|"] + [f"| {k} | {v} |" for k, v in result.items()]
        sec.summary.append(", ".join(f"{k} {v}" for k, v in list(result.items())[:4]))
    else:
        sec.lines.append(str(result))
        sec.summary.append(str(result).splitlines()[0] if str(result) else "ran")
    return sec


def render(sections: list[Section], args: argparse.Namespace, started: str, seconds: float) -> str:
    out = [
        "# quotecheck benchmarks",
        "",
        f"`python -m benchmarks --sizes {','.join(map(str, args.sizes))} --only {','.join(args.only)}"
        f"{' --rebuild' if args.rebuild else ''}` — {started}, commit {git_commit()}, {os.cpu_count()} CPUs, "
        f"load average at the end {load_average()}, {seconds / 60:.1f} min.",
        "",
        "The machine is shared and noisy: absolute figures move with the load; the ratios are measured against "
        "a reference run in the same process, interleaved with the measurement.",
        "",
        "## Summary",
        "",
    ]
    for sec in sections:
        where = f" @ {sec.size}" if sec.size is not None else ""
        out += [f"- **{sec.name}{where}**: {line}" for line in sec.summary]
    for sec in sections:
        out += ["", f"## {sec.name}" + (f" — {sec.size:,} articles" if sec.size is not None else ""), ""]
        out += sec.lines
    return "\n".join(out) + "\n"


def _parts(text: str) -> tuple[list[str], dict[str, str], dict[str, list[str]]]:
    """A report -> (its head up to the summary, summary lines by measurement, sections by measurement)."""
    head, _, rest = text.partition("## Summary")
    summary_text, *bodies = rest.split("\n## ")
    summary: dict[str, str] = {}
    for line in summary_text.splitlines():
        if line.startswith("- **"):
            key = line[4:].split("**", 1)[0]
            summary[key] = summary.get(key, "") + line + "\n"
    sections = {}
    for body in bodies:
        title = body.split("\n", 1)[0]
        name, _, size = title.partition(" — ")
        key = name + (f" @ {size.split()[0].replace(',', '')}" if size else "")
        sections[key] = ["## " + body.rstrip("\n")]
    return [head.rstrip("\n")], summary, sections


def _order(key: str) -> tuple:
    name, _, size = key.partition(" @ ")
    return (ALL.index(name) if name in ALL else len(ALL), int(size) if size.isdigit() else -1)


def merge_report(old: str, new: str) -> str:
    """The new run's head, summary lines and sections, with the old report's for the measurements the
    new run did not make (each kept summary line says so)."""
    head, new_summary, new_sections = _parts(new)
    _, old_summary, old_sections = _parts(old)
    kept = sorted(set(old_summary) - set(new_summary), key=_order)
    summary = dict(new_summary)
    for key in kept:
        summary[key] = "".join(line + " (kept from an earlier run)\n" if "(kept from an earlier run)" not in line
                               else line + "\n" for line in old_summary[key].splitlines())
    sections = {**{k: v for k, v in old_sections.items() if k not in new_sections}, **new_sections}
    out = head + ["", "## Summary", ""] + [summary[k].rstrip("\n") for k in sorted(summary, key=_order)]
    for key in sorted(sections, key=_order):
        out += [""] + sections[key]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL"):  # no LLM in any measurement
        os.environ.pop(var, None)
    ctx = Context(sizes=args.sizes, rebuild=args.rebuild, build=args.build,
                  build_max=args.build_max)
    started = datetime.now(timezone.utc).isoformat(timespec="seconds")
    t0 = time.perf_counter()
    sections: list[Section] = []
    for name in [n for n in ALL if n in args.only]:
        for size in ([None] if name in SIZELESS else args.sizes):
            sections.append(run_one(ctx, name, size))
    seconds = time.perf_counter() - t0
    text = render(sections, args, started, seconds)
    report = Path(args.report)
    if report.exists():  # a partial run (--only) replaces its own sections, keeps the others
        text = merge_report(report.read_text(encoding="utf-8"), text)
    report.write_text(text, encoding="utf-8")
    results = ROOT / "benchmarks" / "results"
    results.mkdir(exist_ok=True)
    stamp = started.replace(":", "").replace("+0000", "Z")
    (results / f"{stamp}.json").write_text(json.dumps(
        [{"name": s.name, "size": s.size, "skipped": s.skipped, "figures": s.figures} for s in sections],
        indent=1, default=str))
    print("\n".join(text.split("## Summary", 1)[1].split("\n## ", 1)[0].strip().splitlines()))
    print(f"report: {args.report}")
    return 1 if any(s.skipped and s.skipped.startswith("failed") for s in sections) else 0


if __name__ == "__main__":
    sys.exit(main())
