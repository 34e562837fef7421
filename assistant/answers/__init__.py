"""Answers to questions about the indexed sources, each claim followed by an exact citation.

    question.py    the question parsed once (language, expected answer, names, numbers, follow-ups)
    retrieve.py    the evidence: passages, their sentences, the quotations in them or by a named speaker
    rank.py        which evidence answers the question, and whether anything does
    extractive.py  the embedded default answer (no model)
    llm.py         the model's answer, its citations grounded and its quotations checked
    grounding.py   finding a model's quote in the source text (exact offsets)
    prompts.py, notices.py   what is said to the model, and to the user
"""

from __future__ import annotations

from typing import Any

from retrieval.types import Answer

from ..llm import ChatModel
from .extractive import extractive
from .llm import CitedPassage, ModelAnswer, answer_with_model, check_quoted, stream_answer
from .notices import NOTICES
from .question import parse, question_lang


def rewrite_query(question: str, history: list[tuple[str, str]] | None) -> str:
    """What is searched for a question asked after `history` (a follow-up borrows its names)."""
    return parse(question, history).query


def answer_question(question: str, index: Any, *, model: ChatModel | None = None,
                    history: list[tuple[str, str]] | None = None, k: int | None = None) -> Answer:
    """Answer `question` from the indexed sources: extractive without a model, checked with one."""
    if model is None:
        return extractive(question, index, history=history)
    return answer_with_model(question, index, model, history=history)


def waiting_notice(question: str, seconds: float) -> str:
    """The line shown while the model is being waited for."""
    return NOTICES["waiting"][question_lang(question)].format(seconds=seconds)


__all__ = ["answer_question", "stream_answer", "extractive", "rewrite_query", "check_quoted", "waiting_notice",
           "ModelAnswer", "CitedPassage", "NOTICES", "question_lang"]
