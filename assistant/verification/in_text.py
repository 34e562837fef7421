"""Words found in a source's text but in no attributed quotation.

The extractor can miss a quotation (unusual marks, a quote run over a heading), and a claim can copy
the writer's own sentence. Those words are in the sources: verification must never call them
`not_found`, nor read another statement as their paraphrase. It reports them `unattributed`, with the
passage: the source holds the words, it does not say who said them.
"""

from __future__ import annotations

from retrieval.normalize import words
from retrieval.types import Citation, Verification

from .claim import content_words

MIN_CONTENT = 3  # fewer content words prove nothing: "c'est le cas" is in many texts


def found_in_text(claim: str, hits: list[Citation]) -> tuple[Citation, Citation] | None:
    """The first passage among `hits` holding the claim's words in order (folded): (a citation of
    exactly those words, the passage); None if the claim is too short or no passage holds it."""
    want = [t.text for t in words(claim)]
    if len(content_words(want)) < MIN_CONTENT:
        return None
    n = len(want)
    for hit in hits:
        toks = words(hit.text)
        folded = [t.text for t in toks]
        for i in range(len(folded) - n + 1):
            if folded[i:i + n] == want:
                s, e = toks[i].start, toks[i + n - 1].end
                passage = Citation(source=hit.source, title=hit.title, start=hit.start, end=hit.end,
                                   text=hit.text, article_id=hit.article_id)
                return passage.model_copy(update={"start": hit.start + s, "end": hit.start + e,
                                                  "text": hit.text[s:e]}), passage
    return None


def unattributed_in_text(claim: str, speaker: str | None, found: Citation, passage: Citation) -> Verification:
    return Verification(
        verdict="unattributed", claim=claim, claimed_speaker=speaker, source=found, passage=passage, similarity=1.0,
        speaker_status="unknown" if speaker else "not_claimed",
        explanation="Found word for word in the source's text, but in no quotation with a speaker: the source "
                    "does not say who said these words.")
