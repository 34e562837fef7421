"""A checked draft as a report to share: Markdown or a self-contained HTML page. Pure: types in, text out.

Each quote shows its verdict, the speaker finding, the source passage (the paragraph with its
attribution line) with the matched words marked, and a link to the article at that offset.
The tone of a verdict is one decision shared with the web page (`tone`): green only for words found
verbatim with the speaker confirmed (or none claimed); amber for what a person must read before
publishing (unattributed, a fuzzy speaker match, a guessed speaker, a paraphrase); red for altered,
misattributed and not found.
"""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import quote as urlquote

from assistant.render import SPEAKER_STATUS
from retrieval.types import CheckedQuote, Citation, Verification

__all__ = ["tone", "TONES", "article_link", "marked_passage", "markdown", "html_page", "speaker_finding_text"]

TONES = {"ok": "green", "warn": "amber", "bad": "red"}
# the speaker finding in a shared report: a short label, then the words the terminal output uses
_LABEL = {"confirmed": "confirmed", "other": "not the claimed speaker", "unknown": "not confirmed"}
_STATUS = {s: f"{_LABEL[s]}: {why}" if s in _LABEL else why for s, why in SPEAKER_STATUS.items()}


def tone(v: Verification) -> str:
    """"ok" (green), "warn" (amber) or "bad" (red) for a verdict and its speaker finding."""
    if v.verdict in ("altered", "misattributed", "not_found"):
        return "bad"
    if (v.verdict == "verbatim" and v.speaker_match != "fuzzy" and not v.speaker_guess
            and v.speaker_status in ("confirmed", "not_claimed")):
        return "ok"
    return "warn"


def article_link(c: Citation, base_url: str | None = None) -> str:
    """Where to read the cited words in their article: the web viewer (the passage highlighted) when
    `base_url` is given ("" for the page's own server), else the source itself (a text fragment for a web
    page, a file URI for a file)."""
    if base_url is not None and c.article_id:
        return f"{base_url.rstrip('/')}/article/{c.article_id}?start={c.start}&end={c.end}#passage"
    if c.source.startswith(("http://", "https://")):
        return f"{c.source}#:~:text={urlquote(c.text[:60])}"
    try:
        return Path(c.source).resolve().as_uri()
    except ValueError:
        return c.source


def marked_passage(v: Verification) -> tuple[str, str, str]:
    """(before, matched, after): the passage around the source with the matched words in the middle."""
    p, s = v.passage, v.source
    if p is None or s is None:
        return ("", s.text if s else "", "")
    a, b = s.start - p.start, s.end - p.start
    if not (0 <= a <= b <= len(p.text)) or p.text[a:b] != s.text:
        return ("", s.text, "")
    return (p.text[:a], p.text[a:b], p.text[b:])


def speaker_finding_text(v: Verification) -> str:
    said = v.source_speaker or "unknown"
    if v.speaker_guess:
        said += " (the extractor's guess)"
    text = f"claimed: {v.claimed_speaker or 'nobody'}; source: {said}; {_STATUS[v.speaker_status]}"
    if v.speaker_match == "fuzzy":
        text += "; the claimed name matches only loosely"
    if v.other_speakers:
        text += f"; the same words are attributed to {', '.join(v.other_speakers)}"
    return text


def _title(path: str | None) -> str:
    return f"Quote check: {path}" if path else "Quote check"


def _tally(checked: list[CheckedQuote]) -> str:
    counts: dict[str, int] = {}
    for c in checked:
        counts[c.verdict] = counts.get(c.verdict, 0) + 1
    return ", ".join(f"{n} {v}" for v, n in counts.items())


def markdown(checked: list[CheckedQuote], path: str | None = None, base_url: str | None = None) -> str:
    lines = [f"# {_title(path)}", ""]
    if not checked:
        return "\n".join(lines + ["No quotes found in the draft.", ""])
    lines += [f"{len(checked)} quotes: {_tally(checked)}.", ""]
    for n, c in enumerate(checked, start=1):
        lines += [f"## {n}. {c.verdict} ({TONES[tone(c)]})", "", f"> {c.claim}", "",
                  f"- Draft: characters {c.start}–{c.end}", f"- Speaker: {speaker_finding_text(c)}"]
        if c.explanation:
            lines.append(f"- Why: {c.explanation}")
        if c.notice:
            lines.append(f"- Notice: {c.notice}")
        if c.diff:
            lines.append("- Word changes (source → draft): " + "; ".join(f"{e.source or '∅'} → {e.claim or '∅'}" for e in c.diff))
        if c.source:
            s = c.source
            lines += [f"- Source: [{s.title or s.source}]({article_link(s, base_url)}), characters {s.start}–{s.end}"
                      + (f", similarity {c.similarity:.2f}" + (" (translated)" if c.translated else "") if c.verdict == "paraphrase" else ""),
                      "", "  Passage (matched words in bold):", ""]
            before, match, after = marked_passage(c)
            lines.append("  > " + f"{before}**{match}**{after}".replace("\n", "\n  > "))
        for m in c.closest:
            lines.append(f"- Closest statement by {m.speaker or 'an unidentified speaker'} (similarity {m.similarity:.2f}): "
                         f"“{m.text}” — [{m.title or m.source}]({article_link(m, base_url)})")
        lines.append("")
    return "\n".join(lines)


_CSS = """body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#1f2328}
.quote{border-left:.4rem solid #d0d7de;padding:.5rem 1rem;margin:1.5rem 0}
.ok{border-color:#1a7f37}.warn{border-color:#bf8700;background:#fff8c5}.bad{border-color:#cf222e}
.tag{font-weight:bold;padding:0 .4rem;border-radius:.3rem}.ok .tag{color:#1a7f37}.warn .tag{color:#7d4e00}.bad .tag{color:#cf222e}
blockquote{margin:.5rem 0;padding:.5rem 1rem;background:#f6f8fa}mark{background:#ffe58f}
@media print{.quote{break-inside:avoid}a{color:inherit}}"""


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def quote_html(n: int, c: CheckedQuote, base_url: str | None = None) -> str:
    t = tone(c)
    parts = [f'<section class="quote {t}" id="quote-{n}" data-tone="{TONES[t]}">',
             f'<h2><span class="tag">{n}. {_e(c.verdict)}</span> <small>({TONES[t]})</small></h2>',
             f"<p><q>{_e(c.claim)}</q> <small>draft characters {c.start}–{c.end}</small></p>",
             f"<p><strong>Speaker:</strong> {_e(speaker_finding_text(c))}</p>"]
    if c.explanation:
        parts.append(f"<p>{_e(c.explanation)}</p>")
    if c.notice:
        parts.append(f'<p class="notice"><strong>Notice:</strong> {_e(c.notice)}</p>')
    if c.diff:
        parts.append("<p>Word changes, source → draft: " + "; ".join(
            f"<del>{_e(e.source)}</del> → <ins>{_e(e.claim)}</ins>" for e in c.diff) + "</p>")
    if c.source:
        s = c.source
        before, match, after = marked_passage(c)
        parts += [f'<p><strong>Source:</strong> <a href="{_e(article_link(s, base_url))}">{_e(s.title or s.source)}</a>'
                  f" <small>characters {s.start}–{s.end}</small></p>",
                  f"<blockquote>{_e(before)}<mark>{_e(match)}</mark>{_e(after)}</blockquote>"]
    if c.closest:
        parts.append("<p>Closest statements by the claimed speaker:</p><ol>" + "".join(
            f'<li>“{_e(m.text)}” — {_e(m.speaker or "unidentified")}, similarity {m.similarity:.2f}, '
            f'<a href="{_e(article_link(m, base_url))}">{_e(m.title or m.source)}</a></li>' for m in c.closest) + "</ol>")
    return "\n".join(parts + ["</section>"])


def html_page(checked: list[CheckedQuote], path: str | None = None, base_url: str | None = None) -> str:
    body = [f"<h1>{_e(_title(path))}</h1>",
            f"<p>{len(checked)} quotes: {_e(_tally(checked))}.</p>" if checked else "<p>No quotes found in the draft.</p>"]
    body += [quote_html(n, c, base_url) for n, c in enumerate(checked, start=1)]
    return ("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{_e(_title(path))}</title><style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")
