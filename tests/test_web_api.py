"""The web app through FastAPI's TestClient: a real index in a temp store, the real embedder."""

from __future__ import annotations

import html
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from filelock import FileLock
from pydantic import SecretStr

from assistant.runtime import Runtime
from assistant.web import server, uploads
from assistant.web.app import create_app
from retrieval.embeddings import USEEmbedder
from retrieval.index import Index
from retrieval.settings import Settings

SCRIPT = "<script>alert(1)</script>"
RIVER = (
    "Mayor unveils a plan to clean the river\n\n"
    "The mayor of Springfield, Alice Martin, presented a plan on Tuesday to clean the river that crosses the city.\n\n"
    "\"We will clean the river by 2030 and every family will be able to swim in it again,\" Alice Martin said "
    "at a press conference.\n\n"
    "The city council will vote on the plan next month.\n"
)
BUDGET = (
    f"Budget row at the council {SCRIPT}\n\n"
    "The council debate on the budget turned tense on Wednesday evening.\n\n"
    f"\"This budget {SCRIPT} is a disgrace and we will vote against it,\" said Bob Stone, the opposition leader.\n\n"
    "The final vote is scheduled for Friday.\n"
)


def settings(store: Path, **extra) -> Settings:
    return Settings(quotecheck_store=store, quotecheck_token=None, openai_api_key=None, openai_base_url=None, **extra)


@pytest.fixture(scope="module")
def embedder():
    return USEEmbedder()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory, embedder):
    root = tmp_path_factory.mktemp("web")
    (root / "river.txt").write_text(RIVER, encoding="utf-8")
    (root / "budget.txt").write_text(BUDGET, encoding="utf-8")
    s = settings(root / "store")
    index = Index.open(s, embedder=embedder)
    report = index.add_paths([str(root / "river.txt"), str(root / "budget.txt")])
    assert len(report.added) == 2 and not report.errors
    return root, Runtime(s, index=index)


@pytest.fixture(scope="module")
def client(corpus):
    return TestClient(create_app(corpus[1]))


@pytest.fixture
def fresh(tmp_path, embedder):
    """An app over an empty store of its own, for tests that write."""
    s = settings(tmp_path / "store")
    rt = Runtime(s, index=Index.open(s, embedder=embedder))
    return rt, TestClient(create_app(rt, max_upload_bytes=50_000))


# ------------------------------------------------------------------ pages


def test_page_has_labelled_draft_box_landmarks_and_security_headers(client):
    r = client.get("/")
    assert r.status_code == 200
    assert '<label for="draft">' in r.text and '<textarea id="draft" name="draft"' in r.text
    assert '<label for="question">' in r.text
    for landmark in ("<header", "<nav", "<main", "<footer"):
        assert landmark in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert client.get("/static/style.css").status_code == 200


def test_checked_draft_page_highlights_quotes_with_verdict_in_words(client):
    draft = ("At a press conference, Alice Martin said: \"We will clean the river by 2030 and every family will be "
             "able to swim in it again.\" She added: \"Our city will host the Olympic Games in 2032,\" "
             "according to Alice Martin.")
    r = client.post("/check", data={"draft": draft})
    assert r.status_code == 200
    assert 'class="hl v-verbatim t-ok" data-tone="green"' in r.text and "[1: verbatim]" in r.text
    assert 'class="hl v-not_found t-bad" data-tone="red"' in r.text and ": not found]" in r.text
    assert '<details class="quote v-verbatim t-ok" id="quote-1" data-tone="green">' in r.text
    assert '<blockquote class="passage">' in r.text  # the source passage of the verbatim quote


def test_no_cors_headers_for_other_origins(client):
    r = client.options("/api/check", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in r.headers
    r = client.get("/api/articles", headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers


# ------------------------------------------------------------------ JSON API


def test_api_check_gives_each_quote_its_verdict_and_offsets_in_the_draft(client):
    draft = ("\"We will clean the river by 2030 and every family will be able to swim in it again,\" Alice Martin "
             "said. \"We will clean the river by 2040 and every family will be able to swim in it again,\" she "
             "repeated, according to Alice Martin.")
    r = client.post("/api/check", json={"text": draft})
    assert r.status_code == 200
    quotes = r.json()["quotes"]
    assert len(quotes) == 2
    for q in quotes:
        assert draft[q["start"] : q["end"]] == q["claim"]
        assert {"verdict", "claim", "source", "source_speaker", "similarity", "diff", "translated"} <= set(q)
    assert quotes[0]["verdict"] == "verbatim"
    assert quotes[1]["verdict"] == "altered"


def test_api_verify_altered_quote_shows_word_diff(client, corpus):
    r = client.post("/api/verify", json={"claim": "We will clean the river by 2040", "speaker": "Alice Martin"})
    assert r.status_code == 200
    v = r.json()
    assert v["verdict"] == "altered"
    assert any(e["source"] == "2030" and e["claim"] == "2040" for e in v["diff"])
    source = v["source"]
    assert RIVER[source["start"] : source["end"]] == source["text"]
    assert v["source_speaker"] == "Alice Martin"


def test_api_verify_rejects_an_empty_claim(client):
    r = client.post("/api/verify", json={"claim": "", "speaker": None})
    assert r.status_code == 422


def test_api_ask_cites_exact_source_text(client, corpus):
    r = client.post("/api/ask", json={"question": "When will the river be clean, according to Alice Martin?"})
    assert r.status_code == 200
    answer = r.json()
    assert answer["answerable"] is True and answer["citations"]
    texts = {"river.txt": RIVER, "budget.txt": BUDGET}
    for c in answer["citations"]:
        assert texts[Path(c["source"]).name][c["start"] : c["end"]] == c["text"]


def test_api_quotes_filters_by_speaker(client):
    everyone = client.get("/api/quotes").json()
    assert {q["speaker"] for q in everyone} >= {"Alice Martin", "Bob Stone"}
    assert len(client.get("/api/quotes", params={"limit": 1}).json()) == 1
    hers = client.get("/api/quotes", params={"speaker": "Martin"}).json()
    assert hers and all(q["speaker"] == "Alice Martin" for q in hers)


def test_api_articles_lists_indexed_articles(client):
    articles = client.get("/api/articles").json()
    assert sorted(Path(a["source"]).name for a in articles) == ["budget.txt", "river.txt"]
    assert all({"id", "source", "title", "lang"} <= set(a) for a in articles)


def test_api_index_upload_reports_each_file(fresh):
    rt, client = fresh
    files = [
        ("files", ("river.txt", RIVER.encode(), "text/plain")),
        ("files", ("notes.pdf", b"%PDF-1.4", "application/pdf")),
        ("files", ("empty.txt", b"   \n", "text/plain")),
        ("files", ("lines.jsonl", b'{"text": "Hello world, a short article."}\n{"nope": 1}\n', "application/json")),
    ]
    r = client.post("/api/index", files=files)
    assert r.status_code == 200
    body = r.json()
    assert body["added"] == ["river.txt", "lines.jsonl:1"]
    problems = {e["path"]: e["problem"] for e in body["errors"]}
    assert set(problems) == {"notes.pdf", "empty.txt", "lines.jsonl:2"}
    assert "unsupported file type" in problems["notes.pdf"] and "empty" in problems["empty.txt"]
    again = client.post("/api/index", files=[("files", ("river.txt", RIVER.encode(), "text/plain"))]).json()
    assert again["unchanged"] == ["river.txt"] and again["added"] == []
    edited = client.post("/api/index", files=[("files", ("river.txt", (RIVER + "Update.\n").encode(), "text/plain"))]).json()
    assert edited["replaced"] == ["river.txt"]
    assert sorted(a["source"] for a in rt.index.articles()) == ["lines.jsonl:1", "river.txt"]


def test_upload_page_shows_errors_per_file(fresh):
    _, client = fresh
    r = client.post("/articles", files=[("files", ("river.txt", RIVER.encode(), "text/plain")),
                                        ("files", ("bad.txt", b"\xff\xfe bad bytes", "text/plain"))])
    assert r.status_code == 200
    assert "1 added" in r.text and "1 rejected" in r.text
    assert "<strong>bad.txt</strong>: not UTF-8 text" in r.text
    assert "Mayor unveils a plan to clean the river" in r.text  # now in the list


def test_upload_while_another_process_writes_is_a_clear_409(fresh, monkeypatch):
    rt, client = fresh
    monkeypatch.setattr(uploads, "WRITE_WAIT_SECONDS", 0.2)
    with FileLock(str(rt.index.store.lock_path)):
        r = client.post("/api/index", files=[("files", ("river.txt", RIVER.encode(), "text/plain"))])
    assert r.status_code == 409
    assert "another quotecheck process is writing" in r.json()["detail"]


def test_openapi_schema_describes_the_api(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/check", "/api/verify", "/api/ask", "/api/index", "/api/quotes", "/api/articles"} <= set(schema["paths"])
    assert {"CheckRequest", "VerifyRequest", "AskRequest", "CheckedQuote", "Verification", "Answer"} <= set(schema["components"]["schemas"])
    assert "/" not in schema["paths"]  # pages are not part of the API


# ------------------------------------------------------------------ limits


def test_json_body_over_the_limit_is_413(client):
    r = client.post("/api/check", json={"text": "x" * 2_100_000})
    assert r.status_code == 413
    assert "too large" in r.json()["detail"] and "2 MB" in r.json()["detail"]


def test_streamed_body_without_length_over_the_limit_is_413(corpus):
    app_client = TestClient(create_app(corpus[1], max_body_bytes=1_000))

    def chunks():
        for _ in range(10):
            yield b"{" + b" " * 299  # never valid JSON: only the size can stop it

    r = app_client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert "content-length" not in {k.lower() for k in r.request.headers}
    assert r.status_code == 413


def test_draft_form_over_the_limit_is_a_413_page(corpus):
    app_client = TestClient(create_app(corpus[1], max_body_bytes=1_000))
    r = app_client.post("/check", data={"draft": "word " * 500})
    assert r.status_code == 413
    assert r.headers["content-type"].startswith("text/html")
    assert "too large" in r.text and "<main" in r.text


def test_upload_over_the_limit_is_413(fresh):
    _, client = fresh  # upload limit 50 kB in this app
    r = client.post("/api/index", files=[("files", ("big.txt", b"Title\n" + b"word " * 20_000, "text/plain"))])
    assert r.status_code == 413
    assert "too large" in r.json()["detail"]


# ------------------------------------------------------------------ token


@pytest.fixture
def guarded(corpus):
    root, rt = corpus
    s = rt.settings.model_copy(update={"quotecheck_token": SecretStr("s3cret-token")})
    return TestClient(create_app(Runtime(s, index=rt.index)))


def test_token_is_required_on_pages_and_api(guarded):
    assert guarded.get("/").status_code == 401
    assert '<label for="token">' in guarded.get("/").text  # the 401 page is the login form
    r = guarded.get("/api/articles")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert guarded.post("/api/verify", json={"claim": "x"}).status_code == 401
    assert guarded.get("/openapi.json").status_code == 401
    assert guarded.get("/api/articles", headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = {"Authorization": "Bearer s3cret-token"}
    assert guarded.get("/api/articles", headers=ok).status_code == 200
    assert guarded.get("/", headers=ok).status_code == 200
    assert guarded.get("/static/style.css").status_code == 200  # public assets only


def test_login_form_sets_a_cookie_for_pages_only(guarded):
    assert guarded.post("/login", data={"token": "nope"}).status_code == 401
    r = guarded.post("/login", data={"token": "s3cret-token"}, follow_redirects=False)
    assert r.status_code == 303
    cookie = r.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "s3cret-token" not in cookie
    assert guarded.get("/").status_code == 200  # the client keeps the cookie
    assert guarded.get("/api/articles").status_code == 401  # the API wants the bearer header


def test_unauthenticated_big_upload_is_refused_before_reading(guarded):
    r = guarded.post("/api/index", content=b"x" * 100, headers={"content-length": "999999999"})
    assert r.status_code == 401


# ------------------------------------------------------------------ escaping


def test_article_markup_is_shown_as_text_in_the_article_list(client):
    r = client.get("/articles")
    assert r.status_code == 200
    assert SCRIPT not in r.text
    assert html.escape(f"Budget row at the council {SCRIPT}", quote=False) in r.text


def test_article_markup_is_shown_as_text_in_the_source_passage(client):
    draft = f"\"This budget {SCRIPT} is a disgrace and we will vote against it,\" said Bob Stone."
    r = client.post("/check", data={"draft": draft})
    assert r.status_code == 200
    assert SCRIPT not in r.text
    escaped = html.escape(SCRIPT, quote=False)
    passage = r.text.split('<blockquote class="passage">', 1)[1].split("</blockquote>", 1)[0]
    assert escaped in passage
    assert r.text.count(escaped) >= 3  # the draft box, the highlighted draft, the source passage


# ------------------------------------------------------------------ serving


def test_non_loopback_bind_without_token_warns(corpus, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr("uvicorn.run", lambda app, **kw: calls.append(kw))
    rt = corpus[1]
    server.serve(rt, host="0.0.0.0", port=8123)
    err = capsys.readouterr().err
    assert "warning" in err and "QUOTECHECK_TOKEN" in err
    assert calls == [{"host": "0.0.0.0", "port": 8123, "log_level": "warning", "server_header": False}]
    server.serve(rt, host="127.0.0.1", port=8123)
    assert "warning" not in capsys.readouterr().err
    with_token = Runtime(rt.settings.model_copy(update={"quotecheck_token": SecretStr("t")}), index=rt.index)
    server.serve(with_token, host="0.0.0.0", port=8123)
    assert "warning" not in capsys.readouterr().err


def test_answer_citation_markers_become_links_and_the_rest_is_escaped():
    from assistant.web.app import cite_links

    out = str(cite_links(f"He said {SCRIPT} [1], not [4].", 2))
    assert out == 'He said &lt;script&gt;alert(1)&lt;/script&gt; <a href="#cited-1">[1]</a>, not [4].'


# ------------------------------------------------------------------ health


def test_api_health_gives_version_store_mode_article_count_and_generation(fresh, tmp_path):
    from importlib.metadata import version

    rt, client = fresh
    empty = client.get("/api/health").json()
    assert empty["version"] == version("quotecheck") and empty["store"] == "local" and empty["articles"] == 0
    (tmp_path / "river.txt").write_text(RIVER, encoding="utf-8")
    rt.index.add_paths([str(tmp_path / "river.txt")])
    after = client.get("/api/health").json()
    assert after["articles"] == 1 and after["generation"] and after["generation"] != empty["generation"]


def test_api_verify_cites_every_source_of_a_text_indexed_twice(fresh, tmp_path):
    rt, client = fresh
    for name in ("wire.txt", "outlet.txt"):
        (tmp_path / name).write_text(RIVER, encoding="utf-8")
    rt.index.add_paths([str(tmp_path / "wire.txt"), str(tmp_path / "outlet.txt")])
    result = client.post("/api/verify", json={"claim": "We will clean the river by 2030", "speaker": "Alice Martin"}).json()
    assert result["source"]["sources"] == [str(tmp_path / "wire.txt"), str(tmp_path / "outlet.txt")]
    [article] = client.get("/api/articles").json()
    assert article["sources"] == [str(tmp_path / "wire.txt"), str(tmp_path / "outlet.txt")]
