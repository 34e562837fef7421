"""The sentences that tell a fact-checker why: word edits, a fuzzy speaker match, an unattributed quote."""

from __future__ import annotations

from retrieval.types import Quote, WordEdit

from . import speakers
from .speakers import SpeakerFinding

__all__ = ["describe_edits", "fuzzy_note", "unattributed_note"]

_HOW = {
    "typo": "a close spelling",
    "surname": "the surname only",
    "first name": "the first name only",
    "initials": "initials or another form of the name",
    "acronym": "its acronym",
    "alias": "another form of the name",
    "accents": "the same name written without its accents",
    "role": "the role the article gives this speaker",
}


def describe_edits(diff: list[WordEdit], limit: int = 4) -> str:
    return "; ".join(
        f"{e.op} {e.source!r}" + (f" -> {e.claim!r}" if e.op == "replace" else "")
        if e.op != "insert" else f"insert {e.claim!r}"
        for e in diff[:limit]
    )


def fuzzy_note(claimed: str | None, who: SpeakerFinding, stored: str | None) -> str:
    """"Claimed speaker 'Bruce Boudrau': did you mean Bruce Boudreau?" when the match was fuzzy."""
    if not claimed or not stored or who.match.kind != "fuzzy":
        return ""
    note = f"Claimed speaker {claimed!r} matched {stored} by {_HOW.get(who.match.how, 'a loose match')}: did you mean {stored}?"
    if who.ambiguous:
        note += f" It could also be {', '.join(who.ambiguous)}, so the speaker is not confirmed."
    return note


def unattributed_note(quote: Quote, who: SpeakerFinding, claimed: str | None, *, exact: bool, edits: str = "") -> str:
    """Why the words are found but their speaker is not confirmed; the passage is there to judge."""
    words = "These words are" if exact else f"Close words (changes: {edits}) are"
    if quote.kind == "term":
        why = f"{words} in quotation marks in the source (a title or a term), not attributed to anyone."
    elif quote.speaker and who.guess:
        fits = ("which would fit the claimed speaker" if who.match.kind
                else f"not the claimed speaker {claimed}" if claimed else "")
        why = (f"{words} in a quotation that the source attributes only uncertainly: {quote.speaker} is the "
               f"extractor's guess (confidence {quote.confidence:.2f} < {speakers.CONFIRM_MIN_CONFIDENCE}){', ' + fits if fits else ''}.")
    elif quote.speaker and who.ambiguous:
        why = (f"{words} in a quotation by {quote.speaker}, but {claimed!r} could be "
               f"{' or '.join([quote.speaker, *who.ambiguous])} in that article.")
    elif quote.speaker and who.unverifiable:
        why = f"{words} in a quotation by {quote.speaker}; the source does not say whether {quote.speaker} is {claimed!r}."
    else:
        why = f"{words} in a quotation whose speaker the source does not identify."
        if who.named and claimed:
            why += f" The passage mentions {claimed}."
    return why + " The speaker is not confirmed: read the passage to judge."
