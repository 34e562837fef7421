"""The page in a real browser: Playwright driving Debian's Chromium against uvicorn on 127.0.0.1.

Skipped when Chromium or Playwright is missing locally; CI sets QUOTECHECK_REQUIRE_BROWSER=1 so
that a missing browser fails there instead. Never run `playwright install`: we use /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from assistant.runtime import Runtime
from assistant.web.app import create_app
from retrieval.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "examples" / "articles" / "fr_nvidia_h20.txt"
ARTIFACTS = ROOT / "artifacts"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

DRAFT = (
    "Nvidia va reprendre ses ventes de puces H20 à la Chine.\n\n"
    "« Nvidia a déposé des demandes pour vendre à nouveau le GPU Nvidia H20 », a déclaré la société dans "
    "un communiqué.\n\n"
    "En mai, Jensen Huang avait affirmé : « Les entreprises chinoises sont très talentueuses et très "
    "déterminées ».\n\n"
    "Il a aussi promis : « Nvidia ouvrira dix usines en Chine avant la fin de l'année », selon Jensen Huang.\n"
)


def _browser_missing() -> str | None:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        return f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    reason = _browser_missing()
    if reason:
        if os.environ.get("QUOTECHECK_REQUIRE_BROWSER") == "1":
            pytest.fail(f"browser tests are required here (QUOTECHECK_REQUIRE_BROWSER=1): {reason}")
        pytest.skip(reason)
    import uvicorn

    store = tmp_path_factory.mktemp("browser") / "store"
    rt = Runtime(Settings(quotecheck_store=store, quotecheck_token=None, openai_api_key=None, openai_base_url=None))
    report = rt.index.add_paths([str(ARTICLE)])
    assert report.added and not report.errors
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(rt), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(base_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
                                    args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def test_checked_draft_shows_verdicts_and_opens_a_source(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Draft text").fill(DRAFT)
    page.get_by_role("button", name="Check quotes").click()
    page.wait_for_selector(".draft .hl")
    assert page.locator(".draft .hl.v-verbatim").count() >= 1
    assert page.locator(".draft .hl.v-altered").count() >= 1
    assert page.locator(".draft .hl.v-not_found").count() >= 1
    assert "verbatim" in page.locator(".draft .hl.v-verbatim").first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "checked-draft.png"), full_page=True)

    # Selecting the altered quote opens its source: title, exact passage, speaker, word diff.
    page.locator(".draft .hl.v-altered").first.click()
    detail = page.locator("details.quote.v-altered").first
    if detail.get_attribute("open") is None:  # fragment navigation opens it in Chromium; a click if not
        detail.locator("summary").click()
    source = detail.locator(".detail")
    assert source.is_visible()
    assert "Nvidia annonce reprendre les ventes" in source.inner_text()
    assert "Jensen Huang" in source.locator(".facts").last.inner_text()
    assert "très très talentueuses" in source.locator("blockquote.passage").inner_text()
    assert detail.locator("ul.diff del").count() + detail.locator("ul.diff ins").count() >= 1
    detail.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "checked-draft-source.png"))


def test_question_gets_an_answer_with_citations_that_open(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Question").fill("Qu'a dit Jensen Huang des entreprises chinoises ?")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_selector(".answer")
    citation = page.locator("details.citation").first
    assert not citation.locator("blockquote.passage").is_visible()
    marker = page.locator('.answer a[href="#cited-1"]')
    if marker.count():  # the answer's [1] links to its citation and opens it
        marker.first.click()
    if citation.get_attribute("open") is None:
        citation.locator("summary").click()
    passage = citation.locator("blockquote.passage")
    assert passage.is_visible()
    assert "characters" in citation.inner_text()  # the offsets
    text = ARTICLE.read_text(encoding="utf-8")
    assert passage.inner_text().strip() in text


def test_page_reads_on_a_phone_without_horizontal_scroll(browser, base_url):
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "/")
    page.get_by_label("Draft text").fill(DRAFT)
    page.get_by_role("button", name="Check quotes").click()
    page.wait_for_selector(".draft .hl")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "checked-draft-phone.png"), full_page=True)
    context.close()
