"""The HTML pages: check a draft, ask a question, list and upload articles, log in.

Plain forms, no JavaScript: every action is a POST that returns the whole page.
"""

from __future__ import annotations

import hmac

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from .guards import COOKIE, session_value
from .highlight import VERDICT_LABELS, segments, tally
from .uploads import Upload, index_uploads

router = APIRouter(include_in_schema=False)


def render(request: Request, name: str, status: int = 200, **context) -> HTMLResponse:
    templates = request.app.state.templates
    context.setdefault("token_required", request.app.state.runtime.settings.quotecheck_token is not None)
    return templates.TemplateResponse(request, name, context, status_code=status)


def home(request: Request, status: int = 200, **context) -> HTMLResponse:
    context.setdefault("draft", "")
    context.setdefault("question", "")
    runtime = request.app.state.runtime
    if getattr(runtime, "model", None) is not None:  # the page cannot stream: say how long it may wait
        context.setdefault("model_wait", runtime.settings.quotecheck_llm_timeout)
    return render(request, "home.html", status, labels=VERDICT_LABELS, **context)


@router.get("/", response_class=HTMLResponse)
def index_page(request: Request):
    return home(request)


@router.post("/check", response_class=HTMLResponse)
def check_page(request: Request, draft: str = Form("")):
    from assistant.check import check_draft

    if not draft.strip():
        return home(request, 400, draft=draft, check_error="Paste a draft to check.")
    rt = request.app.state.runtime
    from assistant.sources import with_sources

    checked = [with_sources(c, rt.index) for c in check_draft(draft, rt.index, model=rt.model)]
    return home(request, draft=draft, checked=checked, segments=segments(draft, checked), tally=tally(checked))


@router.post("/report")
def report_download(request: Request, draft: str = Form(""), format: str = Form("html")):
    """The checked draft as a report file to save, share or print (the same as `check --format`)."""
    from assistant import report
    from assistant.check import check_draft
    from assistant.sources import with_sources

    if not draft.strip():
        return home(request, 400, draft=draft, check_error="Paste a draft to check.")
    rt = request.app.state.runtime
    checked = [with_sources(c, rt.index) for c in check_draft(draft, rt.index, model=rt.model)]
    base = str(request.base_url).rstrip("/")
    if format == "md":
        body, kind, name = report.markdown(checked, base_url=base), "text/markdown; charset=utf-8", "quotecheck-report.md"
    else:
        body, kind, name = report.html_page(checked, base_url=base), "text/html; charset=utf-8", "quotecheck-report.html"
    return Response(body, media_type=kind, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@router.get("/article/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, start: int = 0, end: int = 0):
    """An article with the cited passage highlighted (`#passage` scrolls to it)."""
    index = request.app.state.runtime.index
    try:
        text = index.article_text(article_id)
    except KeyError:
        return render(request, "error.html", 404, message="No such article in the store: it may have been removed.")
    meta = next((a for a in index.articles() if a.get("id") == article_id), {})
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    if end < start:
        start, end = end, start
    return render(request, "article.html", title=meta.get("title") or meta.get("source") or article_id,
                  source=meta.get("source", ""), before=text[:start], marked=text[start:end], after=text[end:],
                  start=start, end=end)


@router.post("/ask", response_class=HTMLResponse)
def ask_page(request: Request, question: str = Form("")):
    from assistant.answer import answer_question

    if not question.strip():
        return home(request, 400, question=question, ask_error="Type a question.")
    rt = request.app.state.runtime
    return home(request, question=question, answer=answer_question(question, rt.index, model=rt.model))


@router.get("/articles", response_class=HTMLResponse)
def articles_page(request: Request):
    return render(request, "articles.html", articles=request.app.state.runtime.index.articles())


@router.post("/articles", response_class=HTMLResponse)
def upload_page(request: Request, files: list[UploadFile] = File(default_factory=list)):
    index = request.app.state.runtime.index
    chosen = [f for f in files if f.filename]  # a form sent with no file chosen has one empty part
    if not chosen:
        return render(request, "articles.html", 400, articles=index.articles(), upload_error="Choose at least one file.")
    report = index_uploads(index, [Upload(f.filename, f.file) for f in chosen])
    return render(request, "articles.html", 400 if report.errors and not (report.added or report.replaced or report.unchanged) else 200,
                  articles=index.articles(), report=report)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request):
    return render(request, "login.html")


@router.post("/login", response_class=HTMLResponse)
def login(request: Request, token: str = Form("")):
    secret = request.app.state.runtime.settings.quotecheck_token
    if secret is None:
        return RedirectResponse("/", status_code=303)
    if not hmac.compare_digest(token.encode(), secret.get_secret_value().encode()):
        return render(request, "login.html", 401, error="That token is not the right one.")
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, session_value(secret.get_secret_value()), httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")
    return response
