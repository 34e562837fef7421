"""When nothing supports a claim: the closest statements by the claimed speaker, for a person to judge. Pure."""

from __future__ import annotations

from collections.abc import Sequence

from retrieval.types import Statement

from .candidate import Candidate
from .speakers import match_name

__all__ = ["closest_statements", "MAX_CLOSEST"]

MAX_CLOSEST = 3


def closest_statements(speaker: str | None, candidates: Sequence[Candidate], k: int = MAX_CLOSEST) -> list[Statement]:
    """Up to `k` candidate quotations by the claimed speaker (any speaker's when none is claimed),
    most similar first, each with its cosine to the claim. Only candidates whose similarity was computed."""
    pool = [c for c in candidates if c.dense is not None and c.quote.kind != "term"
            and (speaker is None or (c.quote.speaker and match_name(speaker, c.quote.speaker, (c.passage or "",)).kind))]
    seen, out = set(), []
    for c in sorted(pool, key=lambda c: -(c.dense or 0.0)):
        q = c.quote
        if (q.article_id, q.start, q.text) in seen:
            continue
        seen.add((q.article_id, q.start, q.text))
        out.append(Statement(source=q.source or "", title=q.title or "", start=q.start, end=q.end, text=q.text,
                             article_id=q.article_id, speaker=q.speaker, similarity=round(float(c.dense or 0.0), 3)))
        if len(out) == k:
            break
    return out
