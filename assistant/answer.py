"""Kept so `from assistant.answer import answer_question` still works: the answers live in `assistant.answers`."""

from .answers import *  # noqa: F401,F403
from .answers import __all__  # noqa: F401
