"""Uploaded files into the index, with the same ingestion rules as `quotecheck index`.

Each upload is written to a private temporary folder under its own (sanitised) file name, so the
readers see the real suffix; the articles are then recorded under that file name, not the
temporary path, so uploading a new version of `article.txt` replaces the old one.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from retrieval.errors import InputError
from retrieval.index import IndexReport
from retrieval.ingest import read_file

WRITE_WAIT_SECONDS = 30.0  # how long an upload waits for another writer of the local store


@dataclass
class Upload:
    filename: str
    file: BinaryIO


def safe_name(filename: str | None, n: int) -> str:
    """The base name only, without path parts, control characters or a leading dot."""
    name = re.split(r"[\\/]", filename or "")[-1]
    name = re.sub(r"[\x00-\x1f\x7f]", "", name).strip().lstrip(".")[:200]
    return name or f"upload-{n}"


def index_uploads(index, uploads: list[Upload], *, wait: float | None = None) -> IndexReport:
    """Read every upload, index what could be read; problems are reported per file.

    Waits up to `wait` (default `WRITE_WAIT_SECONDS`) for another writer, then raises `StoreLockedError`.
    """
    wait = WRITE_WAIT_SECONDS if wait is None else wait
    report = IndexReport()
    articles = []
    with tempfile.TemporaryDirectory(prefix="quotecheck-upload-") as tmp:
        for n, upload in enumerate(uploads, start=1):
            name = safe_name(upload.filename, n)
            folder = Path(tmp) / str(n)  # one folder each: two uploads may share a name
            folder.mkdir()
            path = folder / name
            with path.open("wb") as out:
                while chunk := upload.file.read(1 << 20):
                    out.write(chunk)
            got = read_file(path)
            prefix = str(path)
            for article in got.articles:
                if article.source.startswith(prefix):
                    article.source = name + article.source[len(prefix):]
                articles.append(article)
            for err in got.errors:
                where = name + err.path[len(prefix):] if err.path.startswith(prefix) else err.path
                report.errors.append(InputError(where, err.problem))
    if articles:
        index.add_articles(articles, report=report, wait=wait)
    return report


def report_dict(report: IndexReport) -> dict:
    return {"added": report.added, "replaced": report.replaced, "unchanged": report.unchanged, "copies": report.copies,
            "passages": report.passages, "quotes": report.quotes,
            "errors": [{"path": e.path, "problem": e.problem} for e in report.errors]}
