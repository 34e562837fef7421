"""Ingestion: files -> articles (`files.py`), and the ways articles become store records.

    files.py        reading .txt, .md, .html, .jsonl and folders into articles, one clear error per bad input
    parallel.py     chunking and quote extraction in a pool of worker processes (`quotecheck index --workers N`)
    distributed.py  the same, with embedding, as Ray tasks on a cluster (`quotecheck index --ray ADDRESS`)

The single-process path is `retrieval.index.prepare.prepare_all`; every path yields the same records in
the same order, and the writer (retrieval/index/writer.py) commits them through one protocol.
"""

from .files import (
    HTML_SUFFIXES,
    JSONL_SUFFIXES,
    MAX_ARTICLE_BYTES,
    MAX_FILE_BYTES,
    MIN_HTML_WORDS,
    SUFFIXES,
    TEXT_SUFFIXES,
    Ingested,
    article_id,
    check_unicode,
    decode,
    display_name,
    iter_files,
    looks_binary,
    make_article,
    read_file,
    read_html,
    read_jsonl,
    read_text,
)

__all__ = ["HTML_SUFFIXES", "JSONL_SUFFIXES", "MAX_ARTICLE_BYTES", "MAX_FILE_BYTES", "MIN_HTML_WORDS", "SUFFIXES",
           "TEXT_SUFFIXES", "Ingested", "article_id", "check_unicode", "decode", "display_name", "iter_files",
           "looks_binary", "make_article", "read_file", "read_html", "read_jsonl", "read_text"]
