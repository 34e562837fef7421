"""Reports to share: `check --format md|html`, one tone per verdict (amber is never green)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest_helpers import hash_indexed

from assistant.report import TONES, html_page, markdown, tone
from retrieval.types import CheckedQuote, Citation, Verification

DATA = Path(__file__).parent / "data" / "speakers"
DRAFT = (
    "Les dockers se mettent en grève.\n\n"
    "\"We will not back down,\" said Anna Berg.\n\n"
    "\"We will not back down,\" said Tom Feild.\n\n"
    "« Rien n'est encore décidé », a déclaré Karim Benali.\n"
)


def test_only_a_confirmed_verbatim_is_green():
    base = dict(claim="x", source=None)
    assert tone(Verification(verdict="verbatim", speaker_status="confirmed", speaker_match="exact", **base)) == "ok"
    assert tone(Verification(verdict="verbatim", speaker_status="not_claimed", **base)) == "ok"
    assert tone(Verification(verdict="verbatim", claimed_speaker="Tom Feild", speaker_status="confirmed",
                             speaker_match="fuzzy", **base)) == "warn"
    assert tone(Verification(verdict="unattributed", claimed_speaker="K", speaker_status="unknown", **base)) == "warn"
    assert tone(Verification(verdict="verbatim", speaker_status="confirmed", speaker_guess=True, **base)) == "warn"
    for verdict in ("altered", "misattributed", "not_found"):
        assert tone(Verification(verdict=verdict, **base)) == "bad"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-store")
    with hash_indexed(folder, DATA):
        (folder / "draft.txt").write_text(DRAFT, encoding="utf-8")
        yield folder


def check(store, capsys, *options: str) -> tuple[int, str]:
    from assistant.cli import main

    code = main(["--store", str(store / "store"), "check", str(store / "draft.txt"), *options])
    return code, capsys.readouterr().out


def checked_quote(verdict: str, claim: str, speaker: str | None, status: str, match: str | None = None) -> CheckedQuote:
    text = (DATA / "en_berg_strike.txt").read_text(encoding="utf-8")
    at = text.index(claim)
    para = text.rfind("\n", 0, at) + 1, text.find("\n", at)
    source = Citation(source=str(DATA / "en_berg_strike.txt"), title="Dock workers vote to strike", start=at,
                      end=at + len(claim), text=claim, article_id="a1")
    passage = Citation(source=source.source, title=source.title, start=para[0], end=para[1], text=text[para[0]:para[1]],
                       article_id="a1")
    return CheckedQuote(verdict=verdict, claim=claim, claimed_speaker=speaker, source=source, passage=passage,
                        source_speaker="Anna Berg", speaker_status=status, speaker_match=match, start=0, end=len(claim))


QUOTES = [checked_quote("verbatim", "We will not back down", "Anna Berg", "confirmed", "exact"),
          checked_quote("verbatim", "We will not back down", "Ana Berg", "confirmed", "fuzzy"),
          checked_quote("unattributed", "We will not back down", "Karim Benali", "unknown")]


def test_markdown_report_gives_verdict_tone_speaker_passage_and_link_per_quote():
    out = markdown(QUOTES, path="draft.txt")
    assert out.startswith("# Quote check: draft.txt")
    assert "## 1. verbatim (green)" in out
    assert "## 2. verbatim (amber)" in out and "matches only loosely" in out  # a fuzzy speaker is never green
    assert "## 3. unattributed (amber)" in out
    assert "\"**We will not back down**,\" said Anna Berg" in out  # the passage with its attribution line
    assert re.search(r"\]\(file://\S+en_berg_strike\.txt\)", out)
    assert "/article/a1?start=" in markdown(QUOTES, base_url="http://localhost:8000")


def test_html_report_is_one_printable_page_with_amber_for_unattributed_and_fuzzy():
    out = html_page(QUOTES, path="draft.txt")
    assert out.startswith("<!doctype html>") and out.rstrip().endswith("</html>") and "@media print" in out
    tones = re.findall(r'<section class="quote (\w+)" id="quote-(\d)" data-tone="(\w+)"', out)
    assert tones == [("ok", "1", "green"), ("warn", "2", "amber"), ("warn", "3", "amber")]
    assert "<mark>We will not back down</mark>" in out


def test_check_format_md_and_html_report_every_quote_with_the_tone_of_its_verdict(store, capsys):
    code, data = check(store, capsys, "--json")
    verdicts = [q["verdict"] for q in json.loads(data)["quotes"]]
    expected = [TONES[tone(CheckedQuote(**q))] for q in json.loads(data)["quotes"]]
    code_md, md = check(store, capsys, "--format", "md")
    assert code_md == code == 3 and md.startswith("# Quote check:")
    assert re.findall(r"^## \d+\. (\w+) \((\w+)\)$", md, re.M) == list(zip(verdicts, expected))
    assert "unattributed" in verdicts and "green" not in [t for v, t in zip(verdicts, expected) if v == "unattributed"]
    assert "Rien n'est encore décidé" in md and "file://" in md
    _, page = check(store, capsys, "--format", "html", "--base-url", "http://localhost:8000")
    assert re.findall(r'data-tone="(\w+)"', page) == expected
    assert re.search(r"http://localhost:8000/article/\w+\?start=\d+&amp;end=\d+#passage", page)


def test_check_default_output_stays_the_human_text(store, capsys):
    code, out = check(store, capsys)
    assert code == 3 and not out.startswith(("#", "<!doctype"))
