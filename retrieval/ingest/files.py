"""Reading user files into articles: .txt, .md, .html/.htm, .jsonl, and folders of them.

Every problem with an input becomes an `InputError` naming the file (and line) and the cause;
the caller reports it and goes on with the other inputs. The article text is kept exactly as
read: every offset anywhere in quotecheck refers to it.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..lang import detect_lang
from ..types import Article

TEXT_SUFFIXES = {".txt", ".md"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
MAX_FILE_BYTES = 64 * 1024 * 1024  # a .jsonl file of many articles
MAX_ARTICLE_BYTES = 2_000_000  # one article (.txt, .md, .html file or .jsonl text): a long book, not a news piece
MIN_HTML_WORDS = 3
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}  # C0 controls text files do not contain


def display_name(name: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 shown as escapes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def check_unicode(value: str, where: str, what: str) -> None:
    """Lone surrogates (from JSON escapes such as \\ud800 or undecodable file names) cannot be stored."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(where, f"{what} contains invalid Unicode (a lone surrogate at character {exc.start}); fix the source") from None


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    return b"\x00" in data or sum(byte in _CONTROL for byte in head) > len(head) // 20


def article_id(text: str) -> str:
    """Identity from content: the same text is the same article, wherever it was found."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:24]


@dataclass
class Ingested:
    """What one input path gave: articles, and the problems found (one per bad file or line)."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)


def iter_files(paths: list[str]) -> Iterator[Path | InputError]:
    """Files named or found below folders (sorted, hidden files skipped); missing paths are errors, and so
    is a folder with no file of a supported type (only .pdf or .docx files, say)."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, others = 0, set()
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith("."):
                        continue
                    if Path(name).suffix.lower() in SUFFIXES:
                        found += 1
                        yield Path(root) / name
                    else:
                        others.add(Path(name).suffix.lower() or "(no suffix)")
            if not found:
                what = f"only {', '.join(sorted(others))} files" if others else "no files"
                yield InputError(str(path), f"{what} in this folder, nothing to index; quotecheck reads "
                                            ".txt, .md, .html, .htm and .jsonl (convert PDF or Word files to text first)")
        elif path.is_file():
            yield path
        elif path.exists():
            yield InputError(str(path), "not a regular file")
        else:
            yield InputError(str(path), "no such file or folder")


def decode(data: bytes, path: str) -> str:
    if not data.strip():
        raise InputError(path, "empty file")
    if looks_binary(data):
        raise InputError(path, "binary file (NUL or control bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not UTF-8 text (invalid byte at offset {exc.start}); convert it, e.g. iconv -f latin1 -t utf-8"
        ) from None


def read_file(path: Path) -> Ingested:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        return Ingested(errors=[InputError(display_name(name), f"unsupported file type {suffix or '(none)'}; use .txt, .md, .html, .htm or .jsonl")])
    try:
        check_unicode(name, display_name(name), "the file name")
    except InputError as err:
        return Ingested(errors=[InputError(err.path, "the file name is not valid UTF-8; rename the file")])
    limit, limit_name = (MAX_FILE_BYTES, "MAX_FILE_BYTES") if suffix in JSONL_SUFFIXES else (MAX_ARTICLE_BYTES, "MAX_ARTICLE_BYTES")
    try:
        size = path.stat().st_size
        if size > limit:
            hint = "split it into smaller .jsonl files" if suffix in JSONL_SUFFIXES else "split it into articles, or one article per line in a .jsonl file"
            return Ingested(errors=[InputError(name, f"file too large ({size / 1e6:.1f} MB; the limit is {limit / 1e6:g} MB, {limit_name}); {hint}")])
        data = path.read_bytes()
    except OSError as exc:
        return Ingested(errors=[InputError(name, f"cannot read: {exc.strerror or exc}")])
    try:
        if suffix in JSONL_SUFFIXES:
            return read_jsonl(decode(data, name), name)
        if suffix in HTML_SUFFIXES:
            return Ingested(articles=[read_html(data, name)])
        return Ingested(articles=[read_text(decode(data, name), name, markdown=suffix == ".md")])
    except InputError as err:
        return Ingested(errors=[err])


def make_article(text: str, source: str, *, title: str | None = None, lang: str | None = None, **meta) -> Article:
    if not text.strip():
        raise InputError(source, "no text")
    if len(text) > MAX_ARTICLE_BYTES:
        raise InputError(source, f"article too long ({len(text):,} characters; the limit is {MAX_ARTICLE_BYTES:,}, MAX_ARTICLE_BYTES)")
    check_unicode(text, source, "the text")
    for key, value in (("title", title), ("lang", lang), *meta.items()):
        if value is not None:
            check_unicode(str(value), source, f"the {key}")
    if title is None:
        first = text.lstrip().split("\n", 1)[0]
        title = first.lstrip("# ").strip()[:300]
    return Article(
        id=article_id(text),
        source=source,
        title=title,
        text=text,
        lang=lang or detect_lang(text),
        **{k: (str(v) if v is not None else None) for k, v in meta.items()},
    )


def read_text(text: str, source: str, *, markdown: bool = False) -> Article:
    """A .txt or .md file: the text exactly as read; its first line is the title."""
    return make_article(text, source)


def read_html(data: bytes, source: str) -> Article:
    if b"\x00" in data:
        raise InputError(source, "binary file (contains NUL bytes), not HTML")
    import trafilatura
    from trafilatura.settings import set_date_params

    try:
        # Dates from the page's markup (meta tags, <time>, a dated byline, the URL) only: the extensive
        # search reads the free text too, and takes a footer's "© 2019" for the publication date.
        found = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False,
                                            date_extraction_params=set_date_params(False))
        doc = found.as_dict() if found is not None and hasattr(found, "as_dict") else found
    except Exception as exc:  # trafilatura raises many parser errors on broken markup
        raise InputError(source, f"cannot parse HTML ({type(exc).__name__})") from None
    text = (doc or {}).get("text") or ""
    if len(text.split()) < MIN_HTML_WORDS:  # nothing, or a lone menu item ("Home") of a script-only page
        raise InputError(source, "no article text found in the HTML")
    title = (doc.get("title") or "").strip()
    body = f"{title}\n\n{text}" if title and not text.startswith(title) else text
    return make_article(
        body, source, title=title or None, url=doc.get("url"), date=doc.get("date"), author=doc.get("author")
    )


def read_jsonl(content: str, source: str) -> Ingested:
    """One article per line: `text` required; `title`, `url`, `date`, `author`, `lang` optional."""
    out = Ingested()
    lines = content.split("\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{source}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problem = "truncated JSON line" if number == len(lines) or exc.msg.startswith("Unterminated") else f"invalid JSON ({exc.msg})"
            out.errors.append(InputError(where, problem))
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            out.errors.append(InputError(where, "each line needs an object with a string field 'text'"))
            continue
        wrong = [k for k in ("title", "url", "date", "author", "lang") if record.get(k) is not None and not isinstance(record[k], str)]
        if wrong:
            out.errors.append(InputError(where, f"field '{wrong[0]}' must be a string or null"))
            continue
        try:
            out.articles.append(
                make_article(
                    record["text"],
                    record.get("url") or where,
                    title=record.get("title"),
                    lang=record.get("lang"),
                    url=record.get("url"),
                    date=record.get("date"),
                    author=record.get("author"),
                )
            )
        except InputError as err:
            out.errors.append(InputError(where, err.problem))
    if not out.articles and not out.errors:
        out.errors.append(InputError(source, "empty file"))
    return out
