"""Verification: does a claimed quote match what the sources say, and who said it?

`align` lines a claim up with one source quotation, word by word; `rules.decide` turns the
alignments and similarities of a few candidate quotations into a verdict. Both are pure functions.
"""

from .verify import verify_claim

__all__ = ["verify_claim"]
