"""A checked draft cut into pieces for display: plain text, and each quote with its verdict.

Pure: strings and `CheckedQuote`s in, segments out. Quotes with offsets outside the draft or
overlapping an earlier quote are left in the list of quotes but not highlighted.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.report import tone
from retrieval.types import CheckedQuote

# How each verdict is written out, so that colour is never the only signal.
VERDICT_LABELS = {
    "verbatim": "verbatim",
    "altered": "altered",
    "paraphrase": "paraphrase",
    "misattributed": "misattributed",
    "unattributed": "unattributed",
    "not_found": "not found",
}
VERDICT_MARKS = {"verbatim": "✓", "altered": "≠", "paraphrase": "≈", "misattributed": "⚠", "unattributed": "?",
                 "not_found": "✗"}


@dataclass(frozen=True)
class Segment:
    text: str
    number: int | None = None  # 1-based position of the quote in the list; None for plain text
    verdict: str | None = None
    tone: str | None = None  # report.tone: "ok" (green), "warn" (amber), "bad" (red)


def segments(text: str, checked: list[CheckedQuote]) -> list[Segment]:
    order = sorted(range(len(checked)), key=lambda i: (checked[i].start, checked[i].end))
    out: list[Segment] = []
    pos = 0
    for i in order:
        q = checked[i]
        if q.start < pos or q.end > len(text) or q.end <= q.start:
            continue
        if q.start > pos:
            out.append(Segment(text[pos : q.start]))
        out.append(Segment(text[q.start : q.end], number=i + 1, verdict=q.verdict, tone=tone(q)))
        pos = q.end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return out


def tally(checked: list[CheckedQuote]) -> list[tuple[str, int]]:
    """(verdict, count) in the fixed verdict order, zero counts left out."""
    counts = {v: 0 for v in VERDICT_LABELS}
    for q in checked:
        counts[q.verdict] = counts.get(q.verdict, 0) + 1
    return [(v, n) for v, n in counts.items() if n]
