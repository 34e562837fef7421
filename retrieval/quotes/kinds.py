"""Is a quoted span someone's words, a headline, or a term (a title, a name, a scare quote)?

Pure string heuristics; the speaker module decides whether a cue attaches the span to a person.
"""

from __future__ import annotations

import re

from retrieval.quotes.cues import FUNCTION_WORDS, WORK_WORDS, fold

DIALOGUE_DASHES = "—―–"
_WORD = re.compile(r"[^\W_][\w’'-]*")


def words(s: str) -> list[str]:
    return _WORD.findall(s)


def is_title_like(s: str) -> bool:
    """Short and capitalised like a title or a name: "Parasite", "The Irishman", "1917"."""
    ws = words(s)
    if not ws:
        return True
    if all(w.isdigit() for w in ws):
        return True
    if len(ws) > 7:
        return False
    content = [w for w in ws if fold(w) not in FUNCTION_WORDS or w is ws[0]]
    return all(w[0].isupper() or w[0].isdigit() for w in content)


def after_work_word(before: str) -> bool:
    """The span follows "film", "movie", "série", "livre", "titled"… (`before`: the text up to
    the opening mark, within its paragraph)."""
    before = _AUTHOR.sub("", before[-80:])  # « le roman d'Émile Zola « Germinal »: the work word before its author
    tail = re.split(r"[»”“\"’.;:!?()]", fold(before))[-1]
    return any(w.strip("'") in WORK_WORDS for w in re.findall(r"[\w'-]+", tail)[-2:])


def names_a_work(before: str, inner: str) -> bool:
    """The span is the title of a work: after a work word, or capitalised like a title right after a
    possessive or "on" (ABC's “This Week”, told CNN’s “State of the Union”, on “Meet the Press”)."""
    if after_work_word(before):
        return True
    tail = before[-40:].rstrip(" \u00a0")
    return is_title_like(inner) and bool(words(inner)) and bool(_OUTLET_BEFORE.search(tail))


_OUTLET_BEFORE = re.compile(r"(?:[^\W_]['’]s|\bon)$")
_AUTHOR = re.compile(r"\s(?:de|du|d'|d’|by|of)\s?[A-ZÀ-Ý][\w'’-]*(?:\s[A-ZÀ-Ý][\w'’-]*){0,3}\s*$")


def has_sentence_inside(s: str) -> bool:
    return bool(re.search(r"[.!?…]\s+\S", s.strip()))


def is_partial(text: str, lead_start: int, open_at: int, span_text: str) -> bool:
    """A few quoted words inside the writer's sentence, not a quoted sentence of its own."""
    lead = text[lead_start:open_at].strip()
    if not lead or lead.endswith((":", "—", "–")):
        return False
    return not has_sentence_inside(span_text)
