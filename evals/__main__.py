"""`python -m evals [NAME ...]`: run evaluations and write evals/REPORT.md.

Each evaluation is a module `evals/<name>.py` with `run() -> str` returning a Markdown section.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

EVALS = ("quotes", "attribution", "speaker_oof", "verify", "qa", "paraphrase")
REPORT = Path(__file__).with_name("REPORT.md")


def main(argv: list[str]) -> int:
    names = argv or list(EVALS)
    unknown = [n for n in names if n not in EVALS]
    if unknown:
        print(f"unknown evaluation(s): {', '.join(unknown)}; choose from {', '.join(EVALS)}", file=sys.stderr)
        return 2
    sections = []
    for name in names:
        started = time.perf_counter()
        section = importlib.import_module(f"evals.{name}").run()
        sections.append(section.rstrip() + f"\n\n_{name}: {time.perf_counter() - started:.1f} s_\n")
    header = ("# quotecheck evaluation report\n\nEmbedded default, no LLM. Each section says which set it scores and "
              "whether that set was used to build or train what it scores (in-sample) or not (sealed).\n")
    REPORT.write_text(header + "\n" + "\n".join(sections), encoding="utf-8")
    print(f"wrote {REPORT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
