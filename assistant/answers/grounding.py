"""Citation grounding: never present a model's quote until it has been found in the source.

A model cites a passage by id and quotes it. `locate` looks for the quoted words in the passage
text: exactly, then up to typography (case, accents, quote marks, apostrophes, dashes, spaces,
ellipsis marks), then fuzzily (rapidfuzz, high threshold), and returns the exact span of the
*source* text, so a citation is always `article.text[start:end]`. What is not found is dropped.
Pure functions: strings in, offsets and `Citation`s out.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from rapidfuzz import fuzz

from retrieval.types import Citation

FUZZY_THRESHOLD = 90.0  # rapidfuzz partial_ratio (0-100) on folded text
MIN_QUOTE_CHARS = 8  # shorter "quotes" ground too easily to mean anything

_QUOTE_MARKS = "\"«»“”„‟‹›"
_APOSTROPHES = "'’‘‛`´ʼ"
_DASHES = "‐‑‒–—―−"
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…|\[\.\.\.\]|\(\.\.\.\)|\[…\]|\(…\))\s*")


def _fold_char(ch: str) -> str:
    if ch in _QUOTE_MARKS:
        return ""
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return "-"
    if ch == "…":
        return "..."
    if ch.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", ch)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def fold_with_map(text: str, *, drop_insertions: bool = False) -> tuple[str, list[int]]:
    """`text` folded for matching, and for each folded character the index of its source character.

    Case, accents, quote marks and spaces vanish (so « échec » matches "échec"); apostrophes, dashes
    and ellipses are unified. With `drop_insertions`, bracketed text goes too ("(chinoises, ndlr)",
    "[sic]"). A private stand-in for `retrieval.normalize.fold` that keeps the offsets map.
    """
    out: list[str] = []
    where: list[int] = []
    depth = 0
    for i, ch in enumerate(text):
        if drop_insertions and ch in "([":
            depth += 1
            continue
        if drop_insertions and ch in ")]" and depth:
            depth -= 1
            continue
        if depth:
            continue
        for folded in _fold_char(ch):
            if folded == " ":
                continue
            out.append(folded)
            where.append(i)
    return "".join(out), where


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span so it neither starts nor ends with spaces or stray quote marks."""
    junk = set(_QUOTE_MARKS) | {" ", "\n", "\t", "\u00a0", "\u202f", ",", ";", ":"}
    while start < end and text[start] in junk:
        start += 1
    while end > start and (text[end - 1] in junk):
        end -= 1
    return start, end


def _snap_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a fuzzy span to whole words."""
    while start > 0 and text[start - 1].isalnum() and text[start].isalnum():
        start -= 1
    while end < len(text) and text[end - 1].isalnum() and text[end].isalnum():
        end += 1
    return start, end


def _locate_part(part: str, text: str, folded: str, where: list[int], offset: int) -> tuple[int, int, str] | None:
    """One contiguous quoted part, searched from source offset `offset`. Returns (start, end, how)."""
    i = text.find(part, offset)
    if i >= 0:
        return i, i + len(part), "exact"
    needle, _ = fold_with_map(part)
    if not needle:
        return None
    for drop in (False, True):
        hay, hay_where = (folded, where) if not drop else fold_with_map(text, drop_insertions=True)
        small, _ = fold_with_map(part, drop_insertions=drop)
        f_at = next((k for k, src in enumerate(hay_where) if src >= offset), len(hay_where))
        j = hay.find(small, f_at) if small else -1
        if j >= 0:
            start, end = hay_where[j], hay_where[j + len(small) - 1] + 1
            return (*_trim(text, start, end), "folded")
    f_from = next((k for k, src in enumerate(where) if src >= offset), len(where))
    if len(needle) < MIN_QUOTE_CHARS:
        return None
    haystack = folded[f_from:]
    if not haystack:
        return None
    alignment = fuzz.partial_ratio_alignment(needle, haystack, score_cutoff=FUZZY_THRESHOLD)
    if alignment is None or alignment.dest_end <= alignment.dest_start:
        return None
    # partial_ratio aligns a window as long as the shorter string: the quote must be the short one.
    if len(needle) > len(haystack):
        return None
    d_start, d_end = f_from + alignment.dest_start, f_from + alignment.dest_end
    start, end = where[d_start], where[d_end - 1] + 1
    start, end = _snap_to_words(text, *_trim(text, start, end))
    start, end = _refine(needle, text, start, end)
    return start, end, "fuzzy"


def _word_edges(text: str, pos: int, step: int) -> int:
    """The next word edge from `pos` going left (step -1) or right (step +1)."""
    limit = 0 if step < 0 else len(text)
    while pos != limit and not text[pos + min(step, 0)].isalnum():
        pos += step
    while pos != limit and text[pos + min(step, 0)].isalnum():
        pos += step
    return pos


def _refine(needle: str, text: str, start: int, end: int) -> tuple[int, int]:
    """Move a fuzzy span's edges by a word either way when that matches the quote better."""
    starts = {start, _word_edges(text, start, -1)}
    ends = {end, _word_edges(text, end, +1)}
    best = max(
        ((s, e) for s in starts for e in ends if e > s),
        key=lambda se: (fuzz.ratio(needle, fold_with_map(text[se[0] : se[1]])[0]), -(se[1] - se[0])),
    )
    return _trim(text, *best)


def locate(quote: str, text: str) -> tuple[int, int, str] | None:
    """Where `quote` is in `text`: (start, end, how) with how in exact/folded/fuzzy, or None.

    A quote with an ellipsis ("a ... b") is found part by part, in order; the span covers them all.
    """
    quote = quote.strip().strip(_QUOTE_MARKS).strip()
    if len(quote) < 2:
        return None
    parts = [p.strip(_QUOTE_MARKS + " ") for p in _ELLIPSIS.split(quote)]
    parts = [p for p in parts if p]
    if not parts:
        return None
    folded, where = fold_with_map(text)
    first: tuple[int, int, str] | None = None
    last = None
    offset = 0
    hows = []
    for part in parts:
        found = _locate_part(part, text, folded, where, offset)
        if found is None:
            return None
        first = first or found
        last = found
        offset = found[1]
        hows.append(found[2])
    assert first is not None and last is not None
    how = "fuzzy" if "fuzzy" in hows else "folded" if "folded" in hows else "exact"
    start, end = first[0], last[1]
    return (start, end, how) if end > start else None


def ground(quote: str, passage: Citation, article_text: str | None = None) -> Citation | None:
    """The exact source span of `quote` inside `passage`, as a Citation; None when it is not there.

    `passage.start/end` are offsets into the article; with `article_text`, the result is sliced from
    the article itself (so `text == article_text[start:end]` holds even if the passage text drifted).
    """
    found = locate(quote, passage.text)
    if found is None:
        return None
    start, end = passage.start + found[0], passage.start + found[1]
    if article_text is not None:
        text = article_text[start:end]
        if text != passage.text[found[0] : found[1]]:
            return None  # the passage is not a faithful slice of this article: refuse
    else:
        text = passage.text[found[0] : found[1]]
    return Citation(
        source=passage.source, title=passage.title, start=start, end=end, text=text, article_id=passage.article_id
    )


def ground_all(
    cited: list[tuple[str, str]],
    passages: Mapping[str, Citation],
    article_texts: Mapping[str, str] | None = None,
) -> list[Citation]:
    """Ground (passage_id, quote) pairs in order; unknown ids and unfound quotes are dropped, duplicates merged."""
    out: list[Citation] = []
    seen: set[tuple[str, int, int]] = set()
    for passage_id, quote in cited:
        passage = passages.get(passage_id.strip().strip("[]"))
        if passage is None:
            continue
        text = (article_texts or {}).get(passage.article_id or "")
        citation = ground(quote, passage, text)
        if citation is None:
            continue
        key = (citation.source, citation.start, citation.end)
        if key not in seen:
            seen.add(key)
            out.append(citation)
    return out
