"""Which sources an indexed text has: bookkeeping on the article record, no I/O but the `exists` check given.

An article is its text (its id is the text's hash), so the same text found under two names (a wire copy
republished by two outlets) is one article with two sources. The article record keeps them all:
`source` (the first, what citations name first), `sources` (JSON list) and `files` (JSON object: source ->
absolute path, for sources read from local files). A file renamed on disk is noticed when the same text
comes back under a new name while the file recorded for an old name no longer exists: the old name is
replaced, not kept beside the new one. Passages and quotes keep the source they were written with; readers
take the current names from the article record.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path


def sources_of(meta: dict) -> list[str]:
    """An article record's sources, first one first (a record written before `sources` existed: its `source`)."""
    try:
        got = json.loads(meta.get("sources") or "[]")
    except ValueError:
        got = []
    if isinstance(got, list) and got and all(isinstance(s, str) for s in got):
        return got
    return [meta.get("source", "")]


def files_of(meta: dict) -> dict[str, str]:
    try:
        got = json.loads(meta.get("files") or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in got.items() if isinstance(k, str) and isinstance(v, str)} if isinstance(got, dict) else {}


def source_fields(sources: list[str], files: dict[str, str]) -> dict:
    """The article record's metadata fields that say where its text was found."""
    return {"source": sources[0], "sources": json.dumps(sources, ensure_ascii=False),
            "files": json.dumps({s: files[s] for s in sources if s in files}, ensure_ascii=False)}


def by_source(metas: dict[str, dict]) -> dict[str, list[str]]:
    """Committed article ids by each of their sources, oldest commit first."""
    out: dict[str, list[str]] = {}
    for aid, meta in sorted(metas.items(), key=lambda item: item[1].get("indexed_at", 0.0)):
        for source in sources_of(meta):
            out.setdefault(source, []).append(aid)
    return out


@dataclass
class Merged:
    sources: list[str]
    files: dict[str, str]
    copies: list[str] = field(default_factory=list)  # new names of the same text, kept beside the old
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (old, new): the old file is gone
    unchanged: list[str] = field(default_factory=list)


def merge(sources: list[str], files: dict[str, str], names: list[str], new_files: dict[str, str],
          exists: Callable[[str], bool] = lambda path: Path(path).exists()) -> Merged:
    """The sources of a committed text once it was found again under `names`."""
    out = Merged(list(sources), dict(files))
    gone = [s for s in sources if s in files and s not in names and not exists(files[s])]
    for name in names:
        if name in out.sources:
            out.unchanged.append(name)
            if name in new_files:
                out.files[name] = new_files[name]
            continue
        if name in new_files and gone:
            old = gone.pop(0)
            out.sources[out.sources.index(old)] = name
            out.files.pop(old, None)
            out.renamed.append((old, name))
        else:
            out.sources.append(name)
            out.copies.append(name)
        if name in new_files:
            out.files[name] = new_files[name]
    return out
