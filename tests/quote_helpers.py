"""Helpers shared by the extraction pattern tests: who said what, and what kind each quote is."""

from retrieval.quotes import extract_quotes


def who(text: str, lang: str) -> list[tuple[str, str | None]]:
    """(quote, speaker) for every quote that is someone's words, after checking its offsets."""
    found = extract_quotes(text, lang)
    for q in found:
        assert text[q.start:q.end] == q.text
    return [(q.text, q.speaker) for q in found if q.kind != "term"]


def kinds(text: str, lang: str) -> dict[str, str]:
    return {q.text: q.kind for q in extract_quotes(text, lang)}


def speakers(text: str, lang: str) -> list[str | None]:
    """The speaker of every quote that is someone's words, in order (`who` without the words)."""
    return [s for _, s in who(text, lang)]
