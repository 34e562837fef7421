"""Kept for old imports: grounding lives in `assistant.answers.grounding`."""

from .answers.grounding import *  # noqa: F401,F403
from .answers.grounding import fold_with_map, ground, ground_all, locate  # noqa: F401
