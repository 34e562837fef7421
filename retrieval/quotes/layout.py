"""Where paragraphs, headings and the writer's sentences are in a text. Pure string code.

A paragraph is a block between blank lines, or a line when the text has no blank lines.
Line 1 of a text is its title, unless it reads as the body's first sentence (it ends with a full
stop, or it is the whole text): drafts, wire copy and transcripts often start without a title. A
short paragraph with no closing punctuation is a sub-heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BLANK = re.compile(r"\n[ \t\u00a0\u202f]*\n")
SPACE = " \t\r\n\u00a0\u202f\u2009\u2007\ufeff"  # what trimming removes, no-break and zero-width spaces too
_ABBREV = frozenset(
    "m mr mrs ms dr st mme mlle me pr prof gen sen rep gov lt col capt sgt jr sr inc ltd co corp "
    "no vs etc av apr janv févr oct nov déc jan feb mar aug sept sep dec u.s n.y".split()
)
CLOSERS = "»”“’›\"'"


@dataclass(frozen=True)
class Paragraph:
    index: int
    start: int
    end: int
    heading: bool  # the title (first line) or a sub-heading


def _hard_wrapped(lines: list[str]) -> bool:
    lens = [len(x) for x in lines if x.strip()]
    if len(lens) < 5:
        return False
    wrapped = sum(1 for n in lens if 55 <= n <= 100)
    return wrapped >= 0.8 * len(lens)


def paragraphs(text: str) -> list[Paragraph]:
    """Paragraph spans, trimmed of surrounding whitespace, in text order."""
    pieces: list[tuple[int, int]] = []
    lines = text.split("\n")
    join_lines = bool(_BLANK.search(text)) and _hard_wrapped(lines)
    pos = 0
    block_start = None
    for line in lines:
        line_end = pos + len(line)
        if line.strip(SPACE):
            if block_start is None or not join_lines:
                if block_start is not None:
                    pieces.append((block_start, prev_end))
                block_start = pos
            prev_end = line_end
        elif block_start is not None:
            pieces.append((block_start, prev_end))
            block_start = None
        pos = line_end + 1
    if block_start is not None:
        pieces.append((block_start, prev_end))
    out = []
    for i, (a, b) in enumerate(pieces):
        a, b = trim(text, a, b)
        title = i == 0 and "\n" not in text[:a] and len(pieces) > 1 and not _ends_sentence(text[a:b])
        out.append(Paragraph(i, a, b, heading=title or is_subheading(text[a:b])))
    return out


def trim(text: str, a: int, b: int) -> tuple[int, int]:
    """[a, b) without the spaces at either end."""
    while a < b and text[a] in SPACE:
        a += 1
    while b > a and text[b - 1] in SPACE:
        b -= 1
    return a, b


def _ends_sentence(par: str) -> bool:
    """Ends with a full stop, inside or after closing quotes ("... », a-t-il dit." / "... .»"); headlines
    do not ("Jensen Huang : « Les entreprises chinoises sont talentueuses »")."""
    tail = par.rstrip(CLOSERS + SPACE)
    return tail.endswith(".") and not tail.endswith("..")


def is_subheading(par: str) -> bool:
    """A short standalone line with no sentence punctuation at its end ("Potentiel de l'économie")."""
    words = par.split()
    if not words or len(words) > 12 or len(par) > 100:
        return False
    if par[0] in "—–-•*":
        return False
    tail = par.rstrip(CLOSERS + SPACE)
    return bool(tail) and tail[-1] not in ".,;:…!?)"


def sentence_breaks(text: str, start: int, end: int, quoted: list[tuple[int, int, int, int]]) -> list[int]:
    """Positions in [start, end) where a writer's sentence ends, ignoring text inside quotes.

    `quoted` holds (open_mark_at, inner_start, inner_end, close_mark_at) for each quote of the
    paragraph; a sentence also ends after a closing mark when the quote ended a sentence and the
    next word starts with a capital or a new quote.
    """
    inside = [(o, c) for o, _, _, c in quoted]
    breaks = []
    for m in re.finditer(r"[.!?…](?=[\s" + CLOSERS + r"]*\s+[\w«“„‘‹\"'(—–-]|\s*$)", text[start:end]):
        p = start + m.start()
        if any(o <= p <= c for o, c in inside):
            continue
        word = re.search(r"([\w.]+)$", text[start:p])
        if text[p] == "." and word and (word.group(1).lower() in _ABBREV or len(word.group(1)) == 1
                                        or re.fullmatch(r"(?:\w\.)+\w", word.group(1))):
            continue
        breaks.append(p + 1)
    for _o, a, b, c in quoted:
        if c < 0 or b <= a:
            continue
        inner_tail = text[a:b].rstrip(CLOSERS + SPACE)
        after = text[c + 1:end].lstrip(SPACE)
        if inner_tail and inner_tail[-1] in ".!?…" and (not after or not after[0].islower()):
            breaks.append(c + 1)
        elif after and after[0] in "«“„‹\"":
            breaks.append(c + 1)
    return sorted(set(breaks))
