"""Heavier kill-and-resume run than the unit test: `python -m benchmarks.crash --trials 50 --articles 1000`.

SIGKILLs `quotecheck index` at random points of its write phase, edits files between runs, then
resumes and checks that every file is indexed once in its current version with no orphan.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.test_crash_safety import kill_and_resume  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--trials", type=int, default=50)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--max-delay", type=float, default=3.0, help="latest kill, seconds into the write phase")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="quotecheck-crash-") as tmp:
        result = kill_and_resume(Path(tmp), trials=args.trials, articles=args.articles, seed=args.seed,
                                 max_delay=args.max_delay)
    result.pop("outcomes")
    result["seconds"] = round(time.monotonic() - started, 1)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
