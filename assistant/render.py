"""Human output. Results go to stdout (`check draft.txt > report.txt` saves the report; colour only on a
terminal); progress, warnings and errors go to stderr. With `--json` the CLI prints no results here.

Fields that a verification may or may not carry yet (`speaker_status`, `other_speakers`, `speaker_match`,
a citation's `sources`) are read with defaults, so older results render too."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator

from rich.console import Console
from rich.markup import escape as rich_escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from retrieval.types import Answer, CheckedQuote, Quote, SearchHit, Verification

out = Console(highlight=False, soft_wrap=True)  # results: stdout
console = Console(stderr=True, highlight=False, soft_wrap=True)  # progress, warnings, errors: stderr
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """Source text made safe for the terminal: rich markup escaped, control characters (ANSI) shown as �."""
    return rich_escape(_CONTROL.sub("\ufffd", text))

VERDICT_STYLE = {
    "verbatim": "bold green", "altered": "bold yellow", "paraphrase": "bold cyan",
    "misattributed": "bold magenta", "unattributed": "bold blue", "not_found": "bold red",
}
WARN_STYLE = "bold dark_orange"  # amber: read the passage before publishing (report.tone "warn")


def verdict_style(v: Verification) -> str:
    """The verdict's colour; amber, never green, for an unattributed quote or an unconfirmed speaker."""
    from .report import tone

    return WARN_STYLE if tone(v) == "warn" and v.verdict in ("verbatim", "unattributed") else VERDICT_STYLE.get(v.verdict, "bold")


SPEAKER_STATUS = {
    "confirmed": "the source attributes the words to the claimed speaker",
    "other": "the source attributes the words to someone else",
    "unknown": "the source does not say who said the words",
    "not_claimed": "no speaker claimed",
}


def error(message: str) -> None:
    console.print(f"[bold red]error:[/] {escape(message)}")


def warning(message: str) -> None:
    console.print(f"[yellow]warning:[/] {escape(message)}")


@contextlib.contextmanager
def progress(label: str) -> Iterator[Callable[[int, int], None]]:
    with Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console, transient=True) as bar:
        task = bar.add_task(label, total=None)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def index_summary(report, *, to=None) -> None:
    """The index result: on stdout, or on `to` (stderr when the JSON took stdout)."""
    parts = [f"{len(report.added)} added", f"{len(report.replaced)} replaced"]
    copies, renamed = getattr(report, "copies", []), getattr(report, "renamed", [])
    if copies:
        parts.append(f"{len(copies)} recorded as another source of an indexed text")
    if renamed:
        parts.append(f"{len(renamed)} renamed")
    parts += [f"{len(report.unchanged)} unchanged", f"{len(report.errors)} rejected"]
    (to or out).print(f"{', '.join(parts)}; {report.passages} passages, {report.quotes} quotes written.")
    for old, new in renamed:
        (to or out).print(f"  renamed: {escape(old)} -> {escape(new)}")


def remove_summary(removed: list[str], *, to=None) -> None:
    for source in removed:
        (to or out).print(f"removed {escape(source)}")
    (to or out).print(f"{len(removed)} source{'s' if len(removed) != 1 else ''} removed.")


def sources_of(citation) -> list[str]:
    """Every source of a cited text (the same text republished under several names), first one first."""
    return list(getattr(citation, "sources", None) or [citation.source])


def where(citation) -> str:
    """`source [start:end]`, plus the other sources of the same text."""
    names = sources_of(citation)
    also = f" (also: {', '.join(names[1:])})" if len(names) > 1 else ""
    return f"{names[0]} [{citation.start}:{citation.end}]{also}"


def search_hits(hits: list[SearchHit]) -> None:
    if not hits:
        out.print("No passage found.")
    for rank, hit in enumerate(hits, start=1):
        out.print(f"[bold]{rank}. {escape(hit.title or hit.source)}[/]  [dim]{escape(where(hit))} "
                  f"score {hit.score:.4f}[/]")
        out.print(f"   {escape(hit.text)}\n")


def quotes_table(quotes: list[Quote], title: str = "Quotes") -> None:
    if not quotes:
        out.print(f"{escape(title)}: none found.")
        return
    table = Table(title=escape(title), show_lines=True)
    for column in ("speaker", "quote", "kind", "cue", "where"):
        table.add_column(column)
    for q in quotes:
        place = f"{q.source or ''} [{q.start}:{q.end}]"
        table.add_row(escape(q.speaker or "?"), escape(q.text), q.kind, escape(q.cue or ""), escape(place))
    out.print(table)


def diff_text(result: Verification) -> str:
    """Word edits, readable with or without colour: [-removed-] {+added+} (as git diff --word-diff)."""
    parts = []
    for edit in result.diff:
        if edit.source:
            parts.append(f"[red]\\[-{escape(edit.source)}-][/]")
        if edit.claim:
            parts.append(f"[green]{{+{escape(edit.claim)}+}}[/]")
    return " ".join(parts)


def speaker_lines(result: Verification) -> list[str]:
    """Who said the words, as a finding separate from the wording: status, other speakers, a close match."""
    status = getattr(result, "speaker_status", None)
    others = list(getattr(result, "other_speakers", None) or [])
    lines = []
    if result.claimed_speaker:
        line = f"claimed speaker: {escape(result.claimed_speaker)}"
        if getattr(result, "speaker_match", None) == "fuzzy" and result.source_speaker:
            line += f" (close match, not exact: did you mean {escape(result.source_speaker)}?)"
        lines.append(line)
    if status == "other" and others:
        lines.append(f"said by: {escape(', '.join(others))}")
    elif result.source or status:
        lines.append(f"source speaker: {escape(result.source_speaker or 'unknown')}")
    if status in SPEAKER_STATUS:
        lines.append(f"speaker: {status} ({SPEAKER_STATUS[status]})")
    return lines


def speaker_cell(c: Verification) -> str:
    status = getattr(c, "speaker_status", None)
    others = list(getattr(c, "other_speakers", None) or [])
    cell = escape(c.claimed_speaker or "?")
    if status:
        cell += f"\n{status}"
    if status == "other" and others:
        cell += f": {escape(', '.join(others))}"
    elif c.source_speaker and c.source_speaker != c.claimed_speaker:
        cell += f"\n(source: {escape(c.source_speaker)})"
    return cell


def verification(result: Verification) -> None:
    style = verdict_style(result)
    out.print(f"[{style}]{result.verdict.upper()}[/]  {escape(result.claim)}")
    for line in speaker_lines(result):
        out.print(f"  {line}")
    if result.source:
        out.print(f"  source: {escape(result.source.title or result.source.source)} [dim]{escape(where(result.source))}[/]")
        out.print(f"  source text: “{escape(result.source.text)}”")
    if result.diff:
        out.print(f"  diff: {diff_text(result)}")
    if result.translated:
        out.print("  (the source is in another language)")
    if result.explanation:
        out.print(f"  [dim]{escape(result.explanation)}[/]")
    out.print()


def draft_check(text: str, checked: list[CheckedQuote], path: str | None = None) -> None:
    """A report that reads on its own (saved to a file, printed): a summary table, then each quote in full."""
    title = f"Quotes in {path}" if path else "Quotes in the draft"
    if not checked:
        out.print(f"{escape(title)}: no quotes found.")
        return
    table = Table(title=escape(title), show_lines=True)
    for column in ("#", "verdict", "quote", "speaker", "source"):
        table.add_column(column)
    for n, c in enumerate(checked, start=1):
        style = verdict_style(c)
        source = f"{c.source.title or c.source.source} [{c.source.start}:{c.source.end}]" if c.source else ""
        detail = escape(c.claim) + (f"\n{diff_text(c)}" if c.diff else "")
        table.add_row(str(n), f"[{style}]{c.verdict}[/]", detail, speaker_cell(c), escape(source))
    out.print(table)
    bad = sum(c.verdict != "verbatim" for c in checked)
    out.print(f"{len(checked)} quotes, {bad} not verbatim.\n")
    for n, c in enumerate(checked, start=1):
        out.print(f"[bold]#{n}[/] [dim]draft [{c.start}:{c.end}][/]")
        verification(c)


def answer(result: Answer) -> None:
    if result.notice:
        console.print(f"[yellow]notice:[/] {escape(result.notice)}")
    out.print(escape(result.answer))
    for n, c in enumerate(result.citations, start=1):
        out.print(f"  [{n}] {escape(c.title or c.source)} [dim]{escape(where(c))}[/]")


def doctor(result: dict) -> None:
    out.print(
        f"{result['articles']} articles; {result['orphan_passages']} orphan passages, {result['orphan_quotes']} orphan "
        f"quotes, {result['duplicate_sources']} sources indexed twice" + ("; repaired." if result["repaired"] else ".")
    )
