"""Answers written by a language model, never trusted until the code has checked them.

The model answers from the retrieved passages (given as delimited data) with a citation per claim.
Then: every citation is grounded in the passage it names (`grounding`), the others are dropped and
counted in the notice; every quoted string of the model's own answer text must be found in the cited
sources, or it is removed and named in the notice. Any model failure (timeout, HTTP error, garbage),
an abstention or an answer left without support falls back to the extractive answer, with a notice
in plain words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pydantic import BaseModel, Field

from retrieval.errors import ModelError
from retrieval.types import Answer, Citation, SearchHit

from ..llm import ChatModel, Message
from .extractive import extractive
from .grounding import ground_all, locate
from .notices import NOTICES
from .prompts import STREAM_PROMPT, SYSTEM_PROMPT, build_messages
from .question import Question, parse
from .retrieve import Articles

K = 6  # passages given to the model


class CitedPassage(BaseModel):
    passage_id: str = Field(description="The id of the passage quoted, e.g. P2.")
    quote: str = Field(description="Words copied exactly, character for character, from that passage.")


class ModelAnswer(BaseModel):
    """An answer to the question, from the passages only, with the exact passage words that support it."""

    answer: str = Field(description="The answer, in the question's language, with [P#] after each claim.")
    answerable: bool = Field(description="False when the passages do not contain the answer.")
    citations: list[CitedPassage] = Field(default_factory=list)


_QUOTED = re.compile(r"«\s*([^«»]+?)\s*»|“([^“”]+?)”|\"([^\"]+?)\"|„([^„“”]+?)[“”]")


def check_quoted(text: str, sources: list[str]) -> tuple[str, list[str]]:
    """`text` with every quotation that is in none of `sources` removed, and the removed quotations."""
    removed: list[str] = []

    def keep_or_remove(match: re.Match) -> str:
        quoted = next(g for g in match.groups() if g is not None)
        if any(locate(quoted, source) is not None for source in sources):
            return match.group(0)
        removed.append(quoted)
        return "[…]"

    return _QUOTED.sub(keep_or_remove, text), removed


def _renumber(text: str, by_id: dict[str, Citation], grounded: list[Citation]) -> str:
    """[P2] markers become [n] of the grounded citation from that passage; markers of nothing go."""
    numbers: dict[str, int] = {}
    for pid, passage in by_id.items():
        for n, cit in enumerate(grounded, 1):
            if cit.article_id == passage.article_id and passage.start <= cit.start and cit.end <= passage.end:
                numbers.setdefault(pid, n)

    def repl(match: re.Match) -> str:
        got = sorted({numbers[i] for i in re.findall(r"P\d+", match.group(0)) if i in numbers})
        return (" " + " ".join(f"[{n}]" for n in got)) if got else ""

    text = re.sub(r"\s*\[(?:P\d+(?:\s*[:,;]\s*[^\]]*)?)\]", repl, text)
    return re.sub(r"[ \t]+([.,;:!?])", r"\1", text).strip()


def _plain(exc: Exception) -> str:
    """A failure in plain words: our ModelError messages are written for people; anything else is not."""
    if isinstance(exc, ModelError):
        return str(exc).rstrip(".")
    return "the model client failed unexpectedly; try again, or run without a model"


def _fallback(q: Question, index: Any, hits: list[SearchHit], notice: str) -> Answer:
    return extractive(q, index, hits=None).model_copy(update={"notice": notice})


def _checked(q: Question, index: Any, text: str, cited: list[tuple[str, str]], by_id: dict[str, Citation],
             hits: list[SearchHit]) -> Answer:
    """The model's answer once its citations are grounded and its quotations checked."""
    articles = Articles(index)
    texts = {h.article_id: articles.text(h.article_id) for h in hits if h.article_id}
    grounded = ground_all(cited, by_id, {a: t for a, t in texts.items() if t is not None})
    if not grounded:
        return _fallback(q, index, hits, NOTICES["unsupported"][q.lang])
    sources = [p.text for pid, p in by_id.items() if any(
        c.article_id == p.article_id and p.start <= c.start and c.end <= p.end for c in grounded)]
    body, removed = check_quoted(_renumber(text, by_id, grounded), sources)
    notices = []
    if removed:
        items = "; ".join(f"“{r}”" for r in removed)
        notices.append(NOTICES["quotes_removed"][q.lang].format(items=items))
    dropped = len({(p, w) for p, w in cited}) - len(grounded)
    if dropped > 0:
        notices.append(NOTICES["citations_dropped"][q.lang].format(n=dropped))
    return Answer(answer=body, answerable=True, citations=grounded, notice=" ".join(notices) or None)


def answer_with_model(question: str, index: Any, model: ChatModel, *, history: list[tuple[str, str]] | None = None,
                      k: int = K) -> Answer:
    q = parse(question, history)
    hits = index.search(q.query, k=k)
    if not hits:
        return Answer(answer=NOTICES["abstain"][q.lang], answerable=False)
    messages, by_id = build_messages(q, hits, history, SYSTEM_PROMPT)
    try:
        reply = model.structured(messages, ModelAnswer)
    except Exception as exc:  # noqa: BLE001 - every failure is explained, none is shown raw
        return _fallback(q, index, hits, NOTICES["model_failed"][q.lang].format(error=_plain(exc)))
    if not reply.answerable:
        # The model's own words are not checkable; the extractive answer abstains by itself when
        # the sources do not say, and answers from exact source sentences when they do.
        return _fallback(q, index, hits, NOTICES["model_abstained"][q.lang])
    return _checked(q, index, reply.answer, [(c.passage_id, c.quote) for c in reply.citations], by_id, hits)


_INLINE = re.compile(r"\[(P\d+)\s*:\s*[\"«“](.+?)[\"»”]\s*\]", re.S)


def stream_answer(question: str, index: Any, model: ChatModel, *, history: list[tuple[str, str]] | None = None,
                  k: int = K) -> Iterator[str | Answer]:
    """LLM mode, streamed: text chunks as they arrive (inline citations held back), then the final
    checked `Answer` (its text may differ: the chat shows it again when it has a notice)."""
    q = parse(question, history)
    hits = index.search(q.query, k=k)
    if not hits:
        yield Answer(answer=NOTICES["abstain"][q.lang], answerable=False)
        return
    messages, by_id = build_messages(q, hits, history, STREAM_PROMPT)
    text, pending = "", ""
    try:
        for chunk in model.stream(messages):
            text += chunk
            pending += chunk
            visible, pending = _hold_back_citations(pending)
            if visible:
                yield visible
        if pending.strip() and "[" not in pending:
            yield pending.rstrip()
    except Exception as exc:  # noqa: BLE001
        yield _fallback(q, index, hits, NOTICES["model_failed"][q.lang].format(error=_plain(exc)))
        return
    cited = [(m.group(1), m.group(2)) for m in _INLINE.finditer(text)]
    yield _checked(q, index, text, cited, by_id, hits)


def _hold_back_citations(pending: str) -> tuple[str, str]:
    """Split streamed text into what can be shown now and what may still be (or precede) an inline
    citation. Citations are dropped with the spaces before them; an unclosed "[" waits for its "]"."""
    out = []
    while True:
        i = pending.find("[")
        if i < 0:
            shown = pending.rstrip()
            out.append(shown)
            pending = pending[len(shown):]
            break
        out.append(pending[:i].rstrip())
        j = pending.find("]", i)
        if j < 0:
            pending = pending[i:]
            if len(pending) > 2000:  # a stray bracket, not a citation
                out.append(pending)
                pending = ""
            break
        pending = pending[j + 1 :]
    return "".join(out), pending


__all__ = ["answer_with_model", "stream_answer", "check_quoted", "ModelAnswer", "CitedPassage", "Message"]
