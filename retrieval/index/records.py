"""How domain types map to store records and back (the metadata fields each collection keeps)."""

from __future__ import annotations

import json
import time

from ..sources import source_fields
from ..store import Record
from ..types import Article, Passage, Quote


def article_meta(article: Article, sources: list[str], files: dict[str, str]) -> dict:
    fields = {"title": article.title, "lang": article.lang, "url": article.url, "date": article.date,
              "author": article.author, "indexed_at": time.time(), **source_fields(sources, files)}
    return {k: v for k, v in fields.items() if v is not None}


def passage_meta(article: Article, start: int, end: int) -> dict:
    return {"article_id": article.id, "source": article.source, "title": article.title, "lang": article.lang,
            "start": start, "end": end}


def quote_meta(q: Quote, article: Article, passage_id: str) -> dict:
    return {
        "article_id": article.id, "source": article.source, "title": article.title, "lang": article.lang,
        "start": q.start, "end": q.end, "speaker": q.speaker or "", "speaker_mention": q.speaker_mention or "",
        "cue": q.cue or "", "kind": q.kind, "confidence": float(q.confidence), "passage_id": passage_id,
        **({} if q.speaker_candidates is None else {"speaker_candidates": json.dumps(q.speaker_candidates, ensure_ascii=False)}),
    }


def quote_from_record(doc: str, meta: dict) -> Quote:
    return Quote(
        text=doc, start=meta["start"], end=meta["end"], speaker=meta.get("speaker") or None,
        speaker_mention=meta.get("speaker_mention") or None, cue=meta.get("cue") or None,
        kind=meta.get("kind", "direct"), confidence=meta.get("confidence", 0.5),
        speaker_candidates=json.loads(meta["speaker_candidates"]) if "speaker_candidates" in meta else None,
        article_id=meta.get("article_id"), source=meta.get("source"), title=meta.get("title"),
    )


def article_from_record(record: Record) -> Article:
    meta = record.meta
    return Article(id=record.id, text=record.document, **{k: meta.get(k) for k in ("source", "url", "date", "author")},
                   title=meta.get("title", ""), lang=meta.get("lang", "und"))


def passage_from_record(record: Record) -> Passage:
    meta = record.meta
    return Passage(id=record.id, article_id=meta["article_id"], source=meta["source"], title=meta.get("title", ""),
                   start=meta["start"], end=meta["end"], text=record.document)
