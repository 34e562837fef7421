"""Sentence-aware passages with exact offsets.

A passage is a few consecutive sentences of one paragraph (or one long sentence), at most
`max_chars` unless a single sentence is longer. Sentence boundaries inside quotation marks are
ignored, so a quotation that fits in a passage is never cut in two. Consecutive passages of a
paragraph overlap by one sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAGRAPH = re.compile(r"\n\s*\n|\n(?=\S)")  # blank line, or a plain line break (lists, wire copy)
# A sentence ends after . ! ? … (and closing quotes/brackets) followed by space and a plausible start.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'»”’)\]]*\s+(?=[\"'«“‘(\[—–-]?\s*[A-ZÀ-ÖØ-Þ0-9])")
# A period after one of these is not a sentence end: titles, initials, month and other abbreviations
# ("Feb. 9", "M. Huang", "Dr. Smith", "J. K. Rowling"). Compared case-sensitively for one-letter initials.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st jr sr gen col lt sgt capt cmdr adm gov sen rep rev hon pres mme mmes mlle mlles mgr
    me mm pr jan feb mar apr jun jul aug sep sept oct nov dec janv fév févr avr juil déc no nos n° vs cf av
    env ex p pp vol art ch fig approx dept est inc ltd co corp bros""".split()
)
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
_OPENERS = "«“„‹"
_CLOSERS = "»”“›"


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for match in _PARAGRAPH.finditer(text):
        spans.append(Span(pos, match.start()))
        pos = match.end()
    spans.append(Span(pos, len(text)))
    return [s for s in (_strip(text, s) for s in spans) if s.end > s.start]


def _strip(text: str, span: Span) -> Span:
    start, end = span.start, span.end
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end)


def _inside_quote(text: str, start: int, end: int) -> list[bool]:
    """For each position of text[start:end], whether it lies inside typographic quotation marks."""
    depth, inside, straight_open = 0, [], False
    for ch in text[start:end]:
        if ch in "«„‹":
            depth += 1
        elif ch in "»›" and depth:
            depth -= 1
        elif ch == "“":
            depth += 1
        elif ch == "”" and depth:
            depth -= 1
        elif ch == '"':
            straight_open = not straight_open
        inside.append(depth > 0 or straight_open)
    return inside


def _abbreviation_before(text: str, match: re.Match) -> bool:
    """Whether the sentence-end match is only the period of an abbreviation or an initial."""
    if text[match.start()] != "." or text[match.start() : match.start() + 2] == "..":
        return False
    word = _LAST_WORD.search(text, max(0, match.start() - 12), match.start())
    if word is None:
        return False
    token = word.group(1)
    if len(token) == 1 and token.isupper():
        return True  # an initial: "M. Huang", "J. K. Rowling"
    return token.lower() in _ABBREVIATIONS and not (token.isupper() and len(token) > 2)


def sentences(text: str, span: Span | None = None) -> list[Span]:
    """Sentences of text[span], skipping boundaries that fall inside a quotation or after an
    abbreviation ("Feb. 9", "M. Huang"). The one sentence segmenter: everything that needs
    sentences (passages, answers, verification) uses it."""
    span = span or Span(0, len(text))
    inside = _inside_quote(text, span.start, span.end)
    out, pos = [], span.start
    for match in _SENTENCE_END.finditer(text, span.start, span.end):
        cut = match.end()
        boundary = match.start() - span.start
        if inside[boundary] if boundary < len(inside) else False:
            continue
        if _abbreviation_before(text, match):
            continue
        out.append(_strip(text, Span(pos, cut)))
        pos = cut
    out.append(_strip(text, Span(pos, span.end)))
    return [s for s in out if s.end > s.start]


def _hard_split(text: str, span: Span, max_chars: int) -> list[Span]:
    """A "sentence" longer than a passage (a table, a run-on line) is cut at spaces, else anywhere."""
    out, start = [], span.start
    while span.end - start > max_chars:
        cut = text.rfind(" ", start + max_chars // 2, start + max_chars)
        cut = cut if cut > start else start + max_chars
        out.append(_strip(text, Span(start, cut)))
        start = cut
    out.append(_strip(text, Span(start, span.end)))
    return [s for s in out if s.end > s.start]


def chunk(text: str, max_chars: int = 600) -> list[Span]:
    """Passages of a text: sentence groups within paragraphs, one sentence of overlap."""
    chunks: list[Span] = []
    for para in paragraphs(text):
        if para.end - para.start <= max_chars:
            chunks.append(para)
            continue
        sents = [piece for sent in sentences(text, para) for piece in _hard_split(text, sent, max_chars)]
        i = 0
        while i < len(sents):
            j = i
            while j + 1 < len(sents) and sents[j + 1].end - sents[i].start <= max_chars:
                j += 1
            chunks.append(Span(sents[i].start, sents[j].end))
            if j + 1 >= len(sents):
                break
            i = j if j > i else j + 1  # overlap one sentence unless a single sentence filled the chunk
    return chunks
