"""Gold annotations written by hand as (words, nth, speaker, aliases, kind, optional) rows.

A row names a quote by its exact words (the nth occurrence in the article); `write_gold` computes
the offsets, checks `text == article[start:end]`, and writes `<article>.quotes.jsonl` beside the
text, so the gold files never drift from the texts.
"""

from __future__ import annotations

import json
from pathlib import Path

Row = tuple[str, int, "str | None", list[str], str, bool]


def write_gold(folder: Path, gold: dict[str, list[Row]]) -> None:
    for article, rows in gold.items():
        text = (folder / article).read_text(encoding="utf-8")
        out = []
        for words, nth, speaker, aliases, kind, optional in rows:
            start = -1
            for _ in range(nth + 1):
                start = text.index(words, start + 1)
            end = start + len(words)
            assert text[start:end] == words
            out.append({"article": article, "start": start, "end": end, "text": words, "speaker": speaker,
                        "speaker_aliases": ([speaker] if speaker else []) + aliases, "kind": kind,
                        "optional": optional})
        out.sort(key=lambda r: r["start"])
        path = folder / article.replace(".txt", ".quotes.jsonl")
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")
