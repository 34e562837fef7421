"""The web report: verdict colours from one tone (amber never green), the article opened at the passage, a download."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from assistant.runtime import Runtime
from assistant.web.app import create_app
from retrieval.embeddings import HashEmbedder
from retrieval.index import Index
from retrieval.settings import Settings

DATA = Path(__file__).parent / "data" / "speakers"
DRAFT = "Le conseil a voté.\n\n« Rien n'est encore décidé », a déclaré Karim Benali.\n"


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-report")
    s = Settings(quotecheck_store=folder / "store", quotecheck_token=None, openai_api_key=None, openai_base_url=None)
    index = Index.open(s, embedder=HashEmbedder())
    assert not index.add_paths([str(DATA / "fr_seance_anonyme.txt")]).errors
    return TestClient(create_app(Runtime(s, index=index)))


def test_unattributed_quote_is_amber_on_the_page_never_green(client):
    r = client.post("/check", data={"draft": DRAFT})
    assert r.status_code == 200
    page = r.text
    assert re.search(r'class="hl v-unattributed t-warn" data-tone="amber"', page)
    assert re.search(r'<details class="quote v-unattributed t-warn" id="quote-1" data-tone="amber">', page)
    assert 'data-tone="green"' not in page
    assert "<mark>Rien n&#39;est encore décidé</mark>" in page  # the passage, its matched words marked


def test_source_link_opens_the_article_with_the_passage_highlighted(client):
    page = client.post("/check", data={"draft": DRAFT}).text
    link = re.search(r'<a class="article-link" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert re.fullmatch(r"/article/\w+\?start=\d+&end=\d+#passage", link)
    r = client.get(link.split("#")[0])
    assert r.status_code == 200
    assert '<mark id="passage">Rien n&#39;est encore décidé</mark>' in r.text
    assert client.get("/article/nope?start=0&end=3").status_code == 404


def test_report_downloads_as_a_printable_html_or_markdown_file(client):
    page = client.post("/check", data={"draft": DRAFT}).text
    assert 'action="/report"' in page
    r = client.post("/report", data={"draft": DRAFT, "format": "html"})
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    assert r.text.startswith("<!doctype html>") and 'data-tone="amber"' in r.text and "@media print" in r.text
    md = client.post("/report", data={"draft": DRAFT, "format": "md"})
    assert md.headers["content-type"].startswith("text/markdown") and "## 1. unattributed (amber)" in md.text
