"""The embedded default answer (no model): the best evidence, cited exactly, speakers named.

The evidence of `retrieve.gather` is ranked by `rank`; the best answers when it scores high enough,
with up to two more pieces that score nearly as well (a question about a speaker gets that speaker's
quotations on the topic). Below that, when something retrieved is still about the question, the
answer abstains but shows the closest passage; when nothing is, it abstains with no citation.
"""

from __future__ import annotations

from typing import Any

from retrieval.types import Answer, Citation, SearchHit

from . import rank
from .notices import NOTICES
from .question import Question, fold, parse
from .retrieve import Articles, Evidence, gather, mentions

MAX_CITED = 3
KEEP_RATIO = 0.85  # further evidence is kept when it scores at least this share of the best
_MARKS = {"fr": ("« ", " »"), "en": ("\u201c", "\u201d")}


def render(ev: Evidence, n: int, lang: str) -> str:
    """One piece of evidence as answer text: a quotation in both its marks, after its speaker's name."""
    text = " ".join(ev.citation.text.split())
    if ev.is_quote:
        opening, closing = _MARKS[lang]
        text = f"{opening}{text}{closing}"
    if ev.speaker and not mentions(ev.speaker.split()[-1], ev.citation.text):
        text = f"{ev.speaker} : {text}" if lang == "fr" else f"{ev.speaker}: {text}"
    return f"{text} [{n}]"


def _overlaps(a: Citation, b: Citation) -> bool:
    return a.article_id == b.article_id and a.start < b.end and b.start < a.end


def choose(question: Question, ranked: list[Evidence]) -> list[Evidence]:
    best = ranked[0]
    chosen = [best]
    speaker_question = any(e.asked_speaker for e in ranked[:1])
    for ev in ranked[1:]:
        if len(chosen) >= MAX_CITED:
            break
        if any(_overlaps(ev.citation, c.citation) for c in chosen):
            continue
        same_speaker = speaker_question and ev.asked_speaker and rank.about(ev)
        if ev.citation.article_id != best.citation.article_id and not same_speaker:
            continue  # more of the same article, or the named speaker's quotes elsewhere: not a mix
        if ev.score >= KEEP_RATIO * best.score or same_speaker:
            chosen.append(ev)
    return chosen


def extractive(question: str | Question, index: Any, *, history: list[tuple[str, str]] | None = None,
               k: int | None = None, hits: list[SearchHit] | None = None) -> Answer:
    """The answer from the sources alone; see the module docstring."""
    q = question if isinstance(question, Question) else parse(question, history)
    evidence = gather(q, index, Articles(index), hits=hits)
    ordered = rank.ranked(q, evidence, index)
    if not ordered or not rank.about(ordered[0]):
        return Answer(answer=NOTICES["abstain"][q.lang], answerable=False)
    if not rank.answers(ordered, q):
        best = ordered[0]
        return Answer(answer=f"{NOTICES['closest'][q.lang]} {render(best, 1, q.lang)}", answerable=False,
                      citations=[best.citation])
    chosen = choose(q, ordered)
    text = " ".join(render(ev, i, q.lang) for i, ev in enumerate(chosen, 1))
    return Answer(answer=text, answerable=True, citations=[ev.citation for ev in chosen])


__all__ = ["extractive", "render", "fold"]
