"""What a claim's words carry: content words, numbers, negation. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.normalize import words

__all__ = ["STOP", "content_words", "is_short_claim", "SHORT_CLAIM_MAX_CONTENT"]

STOP = frozenset(
    "le la les l' un une des de d' du au aux à a et ou en dans sur pour par avec que qu' qui ce c' "
    "cet cette ces se s' son sa ses leur leurs il elle ils elles on nous vous je j' tu me m' te t' "
    "y est sont été être ai as avons avez ont avait avaient mais donc car ni ne n' pas plus très "
    "the a an of to and or in on at for by with from that this these those it its he she they we i "
    "you me him her them us my our your their is are was were be been being has have had do does "
    "did will would can could should may might must so as but if than then there here very not".split()
)
# A claim with this many content words or fewer is too short to carry a statement of its own
# ("banana", "Trump", "c'est inadmissible"; stop words do not count, a negation counts once): it is only ever found inside a quotation (verbatim,
# altered, misattributed, unattributed), never judged a paraphrase or a translation.
SHORT_CLAIM_MAX_CONTENT = 2


def content_words(tokens: Sequence[str]) -> list[str]:
    """The folded tokens that are not stop words (and not one- or two-letter words, numbers aside)."""
    return [t for t in tokens if t not in STOP and (len(t) > 2 or t[:1].isdigit())]


# A negation carries the statement's polarity: it counts as one content word ("I have no intention
# of resigning" states something; "intention resigning" alone would not).
_NEGATION = frozenset("ne n' pas jamais aucun aucune rien nullement non sans not no never none nothing nobody "
                      "cannot".split())


def is_short_claim(claim: str) -> bool:
    """Whether the claim has too few content words to carry a statement of its own."""
    toks = [t.text for t in words(claim)]
    negated = any(t in _NEGATION or t.endswith("n't") for t in toks)
    return len(content_words(toks)) + negated <= SHORT_CLAIM_MAX_CONTENT
