"""Every source of a cited text: the same text indexed under several names (a wire copy republished by
two outlets) is one article with several sources, and a citation of it names them all, `source` first."""

from __future__ import annotations

from retrieval.types import Citation


def _cited(result) -> list[tuple[str, Citation]]:
    """The citations a result carries, by field name: a verification's `source`, an answer's `citations`."""
    found = []
    source = getattr(result, "source", None)
    if isinstance(source, Citation):
        found.append(("source", source))
    for citation in getattr(result, "citations", None) or ():
        found.append(("citations", citation))
    return found


def with_sources(result, index):
    """A copy of `result` whose citations list every current source of their article (renames applied)."""
    cited = [c for _, c in _cited(result) if c.article_id]
    if not cited:
        return result
    known = index.sources_of([c.article_id for c in cited])

    def fix(c: Citation) -> Citation:
        names = known.get(c.article_id) if c.article_id else None
        return c.model_copy(update={"source": names[0], "sources": names}) if names else c

    update = {}
    if isinstance(getattr(result, "source", None), Citation):
        update["source"] = fix(result.source)
    if getattr(result, "citations", None):
        update["citations"] = [fix(c) for c in result.citations]
    return result.model_copy(update=update)
