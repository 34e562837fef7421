"""Human output: rich text on stderr (stdout is reserved for `--json`)."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.markup import escape as rich_escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from retrieval.types import Answer, CheckedQuote, Quote, SearchHit, Verification

console = Console(stderr=True, highlight=False, soft_wrap=True)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Source text made safe for the terminal: rich markup escaped, control characters (ANSI) shown as �."""
    return rich_escape(_CONTROL.sub("\ufffd", text))

VERDICT_STYLE = {
    "verbatim": "bold green", "altered": "bold yellow", "paraphrase": "bold cyan",
    "misattributed": "bold magenta", "not_found": "bold red",
}


def error(message: str) -> None:
    console.print(f"[bold red]error:[/] {escape(message)}")


@contextlib.contextmanager
def progress(label: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def index_summary(report) -> None:
    console.print(
        f"{len(report.added)} added, {len(report.replaced)} replaced, {len(report.unchanged)} unchanged, "
        f"{len(report.errors)} rejected; {report.passages} passages, {report.quotes} quotes written."
    )


def search_hits(hits: list[SearchHit]) -> None:
    if not hits:
        console.print("No passage found.")
    for rank, hit in enumerate(hits, start=1):
        console.print(f"[bold]{rank}. {escape(hit.title or hit.source)}[/]  [dim]{escape(hit.source)} "
                      f"[{hit.start}:{hit.end}] score {hit.score:.4f}[/]")
        console.print(f"   {escape(hit.text)}\n")


def quotes_table(quotes: list[Quote], title: str = "Quotes") -> None:
    table = Table(title=escape(title), show_lines=True)
    for column in ("speaker", "quote", "kind", "cue", "where"):
        table.add_column(column)
    for q in quotes:
        where = f"{q.source or ''} [{q.start}:{q.end}]"
        table.add_row(escape(q.speaker or "?"), escape(q.text), q.kind, escape(q.cue or ""), escape(where))
    console.print(table)


def diff_text(result: Verification) -> str:
    """Word edits, readable with or without colour: [-removed-] {+added+} (as git diff --word-diff)."""
    parts = []
    for edit in result.diff:
        if edit.source:
            parts.append(f"[red]\\[-{escape(edit.source)}-][/]")
        if edit.claim:
            parts.append(f"[green]{{+{escape(edit.claim)}+}}[/]")
    return " ".join(parts)


def verification(result: Verification) -> None:
    style = VERDICT_STYLE.get(result.verdict, "bold")
    console.print(f"[{style}]{result.verdict.upper()}[/]  {escape(result.claim)}")
    if result.claimed_speaker:
        console.print(f"  claimed speaker: {escape(result.claimed_speaker)}")
    if result.source:
        console.print(f"  source: {escape(result.source.title or result.source.source)} "
                      f"[dim]{escape(result.source.source)} [{result.source.start}:{result.source.end}][/]")
        console.print(f"  source text: “{escape(result.source.text)}”")
        console.print(f"  source speaker: {escape(result.source_speaker or 'unknown')}")
    if result.diff:
        console.print(f"  diff: {diff_text(result)}")
    if result.translated:
        console.print("  (the source is in another language)")
    if result.explanation:
        console.print(f"  [dim]{escape(result.explanation)}[/]")


def draft_check(text: str, checked: list[CheckedQuote]) -> None:
    table = Table(title="Quotes in the draft", show_lines=True)
    for column in ("#", "verdict", "quote", "speaker", "source"):
        table.add_column(column)
    for n, c in enumerate(checked, start=1):
        style = VERDICT_STYLE.get(c.verdict, "bold")
        source = f"{c.source.title or c.source.source} [{c.source.start}:{c.source.end}]" if c.source else ""
        detail = escape(c.claim) + (f"\n{diff_text(c)}" if c.diff else "")
        table.add_row(str(n), f"[{style}]{c.verdict}[/]", detail,
                      escape(c.claimed_speaker or "?") + (f"\n(source: {escape(c.source_speaker)})" if c.source_speaker else ""),
                      escape(source))
    console.print(table)
    bad = sum(c.verdict != "verbatim" for c in checked)
    console.print(f"{len(checked)} quotes, {bad} not verbatim." if checked else "No quotes found in the draft.")


def answer(result: Answer) -> None:
    if result.notice:
        console.print(f"[yellow]notice:[/] {escape(result.notice)}")
    console.print(escape(result.answer))
    for n, c in enumerate(result.citations, start=1):
        console.print(f"  [{n}] {escape(c.title or c.source)} [dim]{escape(c.source)} [{c.start}:{c.end}][/]")


def doctor(result: dict) -> None:
    console.print(
        f"{result['articles']} articles; {result['orphan_passages']} orphan passages, {result['orphan_quotes']} orphan "
        f"quotes, {result['duplicate_sources']} sources indexed twice" + ("; repaired." if result["repaired"] else ".")
    )
