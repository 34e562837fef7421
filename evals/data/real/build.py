"""Rows files (exact words + occurrence) -> gold quote files with checked character offsets.

python evals/data/real/build.py   # every rows/*.rows.jsonl -> gold/*.quotes.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parents[3] / "shared" / "corpus" / "real"
KINDS = {"direct", "partial", "headline"}


def build(rows_path: Path, corpus: Path = CORPUS) -> list[dict]:
    article = rows_path.name.replace(".rows.jsonl", ".txt")
    text = (corpus / article).read_text(encoding="utf-8")
    out = []
    for n, line in enumerate(rows_path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{rows_path.name}:{n}"
        row = json.loads(line)
        words, nth = row["words"], int(row.get("nth", 0))
        start = -1
        for _ in range(nth + 1):
            start = text.find(words, start + 1)
            if start < 0:
                sys.exit(f"{where}: words not found (occurrence {nth}): {words[:60]!r}")
        end = start + len(words)
        speaker = row.get("speaker")
        named = bool(row.get("speaker_named", speaker is not None))
        if row.get("kind", "direct") not in KINDS:
            sys.exit(f"{where}: kind must be one of {sorted(KINDS)}")
        if named and not speaker:
            sys.exit(f"{where}: speaker_named is true but speaker is null")
        aliases = [a for a in row.get("aliases", []) if a and a != speaker]
        out.append({"article": article, "start": start, "end": end, "text": words, "speaker": speaker,
                    "speaker_aliases": ([speaker] if speaker else []) + aliases, "speaker_named": named,
                    "kind": row.get("kind", "direct"), "cue": row.get("cue"),
                    "optional": bool(row.get("optional", False))})
    out.sort(key=lambda r: r["start"])
    spans = [(r["start"], r["end"]) for r in out]
    if len(set(spans)) != len(spans):
        sys.exit(f"{rows_path.name}: the same span twice (check nth)")
    return out


def main() -> None:
    (HERE / "gold").mkdir(exist_ok=True)
    for rows_path in sorted((HERE / "rows").glob("*.rows.jsonl")):
        out = build(rows_path)
        dest = HERE / "gold" / rows_path.name.replace(".rows.jsonl", ".quotes.jsonl")
        dest.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
        print(f"{dest.name}: {len(out)} quotes")


if __name__ == "__main__":
    main()
