"""Kept for old imports: the extractive answer lives in `assistant.answers.extractive`."""

from .answers.extractive import extractive  # noqa: F401
from .answers.notices import NOTICES  # noqa: F401
from .answers.question import question_lang  # noqa: F401
