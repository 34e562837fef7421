"""`quotecheck`: a thin shell. Parse, call one function, render.

The result goes to stdout: human-readable, or JSON with `--json` (then stdout carries only JSON).
Progress, warnings and errors go to stderr. Exit codes: 0 ok, 1 error, 2 usage, 3 problems found
(a draft with quotes that are not verbatim). Only `index` creates a store; `extract` needs none.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

from retrieval.errors import InputError, QuotecheckError
from retrieval.store import require_store

from . import render, version
from .runtime import Runtime

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_PROBLEMS = 0, 1, 2, 3


def emit(obj) -> None:
    """One JSON document on stdout (pydantic models or plain data)."""
    if hasattr(obj, "model_dump"):
        obj = obj.model_dump(mode="json")
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def read_batch(path: str, field: str) -> Iterator[dict]:
    """Lines of a batch file; each must be an object with a string `field`."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(path, f"cannot read batch file ({exc})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{number}", f"invalid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get(field), str):
            raise InputError(f"{path}:{number}", f"each line needs an object with a string field '{field}'")
        yield record


# ------------------------------------------------------------------------------ commands


def cmd_index(rt: Runtime, args) -> int:
    with render.progress("Indexing") as advance:
        report = rt.index.add_paths(args.paths, extract=not args.no_quotes, wait=args.wait, progress=advance,
                                    workers=args.workers, ray=args.ray or rt.settings.quotecheck_ray_address)
    for message in report.notices:
        render.warning(message)
    for err in report.errors:
        render.error(str(err))
    if args.json:
        emit({"added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
              "copies": report.copies, "renamed": [{"from": old, "to": new} for old, new in report.renamed],
              "passages": report.passages, "quotes": report.quotes,
              "errors": [{"path": e.path, "problem": e.problem} for e in report.errors]})
    render.index_summary(report, to=render.console if args.json else None)
    return EXIT_ERROR if report.errors else EXIT_OK


def cmd_remove(rt: Runtime, args) -> int:
    removed, missing = rt.index.remove_sources(args.sources, wait=args.wait)
    for source in missing:
        render.error(f"{source}: not in the store (give the source as indexed: see `quotecheck search` or /api/articles)")
    if args.json:
        emit({"removed": removed, "missing": missing})
    render.remove_summary(removed, to=render.console if args.json else None)
    return EXIT_ERROR if missing else EXIT_OK


def cmd_extract(rt: Runtime, args) -> int:
    from retrieval.ingest import read_file
    from retrieval.quotes import extract_quotes

    status = EXIT_OK
    for path in args.files:
        got = read_file(Path(path))
        for err in got.errors:
            render.error(str(err))
            status = EXIT_ERROR
        for n, article in enumerate(got.articles):
            quotes = extract_quotes(article.text, article.lang)
            label = path if len(got.articles) == 1 else f"{path}:{n + 1}"
            if args.json:
                emit({"path": label, "lang": article.lang,
                      "quotes": [q.model_dump(mode="json", exclude={"article_id", "source", "title", "speaker_candidates"}) for q in quotes]})
            else:
                render.quotes_table(quotes, title=label)
    return status


def cmd_search(rt: Runtime, args) -> int:
    hits = rt.index.search(args.query, k=args.k)
    if args.json:
        for hit in hits:
            emit(hit.model_dump(mode="json", exclude={"article_id"}))
    else:
        render.search_hits(hits)
    return EXIT_OK


def cmd_quotes(rt: Runtime, args) -> int:
    if args.search:
        quotes = [q for q, _ in rt.index.search_quotes(args.search, k=args.limit, speaker=args.speaker)]
    else:
        quotes = rt.index.quotes(speaker=args.speaker)[: args.limit]
    if args.json:
        for q in quotes:
            emit(q)
    else:
        render.quotes_table(quotes, title=f"Quotes{' of ' + args.speaker if args.speaker else ''}")
    return EXIT_OK


def one_or_batch(args, field: str, single: dict | None, run, show) -> int:
    """`CMD VALUE` or `CMD --batch FILE.jsonl`: run each input in order; JSON Lines out with --json."""
    if args.batch:
        records = read_batch(args.batch, field)
    elif single is not None:
        records = [single]
    else:
        raise UsageError(f"{args.command} needs a {field.upper()} or --batch FILE.jsonl")
    for record in records:
        result = run(record)
        emit(result) if args.json else show(result)
    return EXIT_OK


def all_sources(rt: Runtime, result):
    """The result with each citation naming every source of its text (a wire copy under two names)."""
    from .sources import with_sources

    return with_sources(result, rt.index)


def cmd_verify(rt: Runtime, args) -> int:
    """Exit 0 when every verdict is `verbatim`, 3 when any is not (CONTRACT.md, `verify`)."""
    from .verification import verify_claim

    verdicts: list[str] = []

    def run(record: dict):
        result = all_sources(rt, verify_claim(record["claim"], record.get("speaker"), rt.index, model=rt.model))
        verdicts.append(result.verdict)
        return result

    single = {"claim": args.claim, "speaker": args.speaker} if args.claim else None
    status = one_or_batch(args, "claim", single, run, render.verification)
    if status != EXIT_OK:
        return status
    return EXIT_OK if all(v == "verbatim" for v in verdicts) else EXIT_PROBLEMS


def cmd_check(rt: Runtime, args) -> int:
    from retrieval.ingest import decode

    from .check import check_draft

    path = args.draft
    try:
        text = decode(Path(path).read_bytes(), path)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    checked = [all_sources(rt, c) for c in check_draft(text, rt.index, model=rt.model)]
    if args.json:
        emit({"path": path, "quotes": [c.model_dump(mode="json") for c in checked]})
    elif args.format in ("md", "html"):
        from . import report

        page = report.markdown if args.format == "md" else report.html_page
        sys.stdout.write(page(checked, path=path, base_url=args.base_url))
    else:
        render.draft_check(text, checked, path=path)
    return EXIT_OK if all(c.verdict == "verbatim" for c in checked) else EXIT_PROBLEMS


def cmd_ask(rt: Runtime, args) -> int:
    from .answers import answer_question, waiting_notice

    def ask(question: str):
        if rt.model is not None:  # a model can take a while: say so on stderr, never on stdout
            print(waiting_notice(question, rt.settings.quotecheck_llm_timeout), file=sys.stderr, flush=True)
        return answer_question(question, rt.index, model=rt.model)

    single = {"question": args.question} if args.question else None
    return one_or_batch(args, "question", single,
                        lambda r: all_sources(rt, ask(r["question"])),
                        render.answer)


def cmd_chat(rt: Runtime, args) -> int:
    from .chat import run_chat
    from .verification import verify_claim

    run_chat(rt.index, rt.model, verify_fn=lambda claim, speaker: verify_claim(claim, speaker, rt.index, model=rt.model))
    return EXIT_OK


def cmd_serve(rt: Runtime, args) -> int:
    from .web.server import serve

    serve(rt, host=args.host, port=args.port)
    return EXIT_OK


def cmd_doctor(rt: Runtime, args) -> int:
    result = rt.index.doctor(repair=args.repair)
    if args.json:
        emit(result)
    else:
        render.doctor(result)
    problems = result["orphan_passages"] or result["orphan_quotes"] or result["duplicate_sources"]
    return EXIT_PROBLEMS if problems and not result["repaired"] else EXIT_OK


# ------------------------------------------------------------------------------ parser


class UsageError(Exception):
    pass


def cores() -> int:
    from retrieval.ingest.parallel import cores

    return cores()


def positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


class Parser(argparse.ArgumentParser):
    def error(self, message):  # exit 2 with one line, as argparse does, but through our renderer
        self.print_usage(sys.stderr)
        render.error(message)
        sys.exit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="quotecheck", description="Verify quotes against your indexed sources, with exact citations.")
    parser.add_argument("--store", help="the local store folder (default: $QUOTECHECK_STORE or a per-user folder)")
    parser.add_argument("--version", action="version", version=f"quotecheck {version()}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    p = sub.add_parser("index", help="index files or folders (.txt .md .html .htm .jsonl)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--no-quotes", action="store_true", help="skip quote extraction (passages only)")
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another writer to finish")
    p.add_argument("--workers", type=positive_int, default=cores(), metavar="N",
                   help=f"processes for quote extraction (default: every core, {cores()} here; 1 = in this process)")
    p.add_argument("--ray", metavar="ADDRESS", help="run extraction and embedding as Ray tasks on this cluster: auto "
                   "(the one `ray start` runs here), host:port, or local (a new one for this run); "
                   "default $QUOTECHECK_RAY_ADDRESS. Needs pip install 'quotecheck[ray]'")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_index, creates_store=True)

    p = sub.add_parser("remove", help="remove articles by source (path or url, as indexed)")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    p.add_argument("--wait", type=float, default=0.0, help="seconds to wait for another writer to finish")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_remove)

    p = sub.add_parser("extract", help="extract quotes and speakers from files (no store needed)")
    p.add_argument("files", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_extract, needs_store=False, quick_exit=True)

    p = sub.add_parser("search", help="hybrid search over indexed passages")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search, quick_exit=True)

    p = sub.add_parser("quotes", help="list or search the quotes found in indexed articles")
    p.add_argument("--speaker", help="only this speaker's quotes (surname, title or full name)")
    p.add_argument("--search", help="quotes closest to this text")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_quotes, quick_exit=True)

    p = sub.add_parser("verify", help="verify a quote against the sources")
    p.add_argument("claim", nargs="?")
    p.add_argument("--speaker", help="who the claim is attributed to")
    p.add_argument("--batch", help='JSON Lines file of {"claim": ..., "speaker": ...}')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_verify, quick_exit=True)

    p = sub.add_parser("check", help="verify every quote of a draft (exit 3 if any is not verbatim)")
    p.add_argument("draft")
    p.add_argument("--json", action="store_true")
    p.add_argument("--format", choices=("text", "md", "html"), default="text",
                   help="text (default), or a report to share: md (Markdown) or html (one page)")
    p.add_argument("--base-url", help="link each source to this quotecheck server's article view (e.g. http://localhost:8000)")
    p.set_defaults(func=cmd_check, quick_exit=True)

    p = sub.add_parser("ask", help="answer a question from the sources, with citations")
    p.add_argument("question", nargs="?")
    p.add_argument("--batch", help='JSON Lines file of {"question": ...}')
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask, quick_exit=True)

    p = sub.add_parser("chat", help="interactive questions, follow-ups and /verify")
    p.set_defaults(func=cmd_chat)

    p = sub.add_parser("serve", help="the web page and JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("doctor", help="check the store's consistency (--repair to fix)")
    p.add_argument("--repair", action="store_true")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_doctor)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        creates = getattr(args, "creates_store", False)
        runtime = Runtime(store=args.store, create_store=creates)
        if getattr(args, "needs_store", True) and not creates:
            require_store(runtime.settings)  # before any model loads; a mistyped --store creates nothing
        code = args.func(runtime, args)
        if argv is None and getattr(args, "quick_exit", False):
            # The command line's process (not a caller's) ends sooner after a read-only command: objects moved
            # to the permanent generation are skipped by the collections of interpreter shutdown (0.1 s of CPU
            # after a `verify`, more than the check itself).
            import gc

            gc.freeze()
        return code
    except UsageError as exc:
        render.error(str(exc))
        return EXIT_USAGE
    except QuotecheckError as exc:
        render.error(str(exc))
        return EXIT_ERROR
    except KeyboardInterrupt:
        render.error("interrupted")
        return 130
    except Exception as exc:  # the last line of defence: one line, never a traceback
        if os.environ.get("QUOTECHECK_DEBUG"):
            raise
        render.error(f"internal error: {type(exc).__name__}: {exc} (set QUOTECHECK_DEBUG=1 for details)")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
