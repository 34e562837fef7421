"""`create_app(runtime)`: the web page and the JSON API over one `Runtime`.

Middleware, outermost first: security headers, last-resort error page, token check, body size limit; then the routes
(`pages.py`, `api.py`). Errors become a page or a JSON body, by path: `/api/...` gets JSON.
No CORS middleware: the API answers same-origin pages and non-browser clients only.
"""

from __future__ import annotations

from pathlib import Path

import re

import jinja2
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from starlette.exceptions import HTTPException

from assistant import version
from retrieval.errors import InputError, ModelError, QuotecheckError, StoreError, StoreLockedError

from assistant import report

from . import api, pages
from .guards import BodyLimit, CatchAll, SecurityHeaders, TokenAuth, is_api
from .highlight import VERDICT_LABELS, VERDICT_MARKS

HERE = Path(__file__).parent
MAX_BODY_BYTES = 2_000_000  # JSON bodies and the draft form
MAX_UPLOAD_BYTES = 20_000_000  # one upload request, all files together
UPLOAD_PATHS = frozenset({"/api/index", "/articles"})


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE / "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(verdict_labels=VERDICT_LABELS, verdict_marks=VERDICT_MARKS, tone=report.tone, tones=report.TONES,
                       article_link=report.article_link, marked_passage=report.marked_passage,
                       speaker_finding=report.speaker_finding_text)
    env.filters["cite_links"] = cite_links
    return Jinja2Templates(env=env)


def create_app(runtime, *, max_body_bytes: int = MAX_BODY_BYTES, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> FastAPI:
    app = FastAPI(title="quotecheck", version=version(), docs_url=None, redoc_url=None,
                  description="Verify quotes against your indexed sources, with exact citations.")
    app.state.runtime = runtime
    app.state.templates = templates = make_templates()

    def refuse(request: Request, status: int, message: str) -> Response:
        if is_api(request.url.path) or "application/json" in request.headers.get("accept", ""):
            return JSONResponse({"detail": message}, status_code=status)
        name = "login.html" if status == 401 else "error.html"
        token_required = runtime.settings.quotecheck_token is not None
        return templates.TemplateResponse(request, name, {"message": message, "status": status, "error": None,
                                                          "token_required": token_required}, status_code=status)

    def limit_for(path: str) -> int:
        return max_upload_bytes if path in UPLOAD_PATHS else max_body_bytes

    token = runtime.settings.quotecheck_token
    app.add_middleware(BodyLimit, limit_for=limit_for, refuse=refuse)
    app.add_middleware(TokenAuth, token=token.get_secret_value() if token else None, refuse=refuse)
    app.add_middleware(CatchAll, refuse=refuse)
    app.add_middleware(SecurityHeaders)  # added last: outermost, so even refusals carry the headers

    def problem(status: int):
        async def handler(request: Request, exc: Exception) -> Response:
            return refuse(request, status, str(exc))
        return handler

    app.add_exception_handler(StoreLockedError, problem(409))
    app.add_exception_handler(InputError, problem(400))
    app.add_exception_handler(ModelError, problem(502))
    app.add_exception_handler(StoreError, problem(503))
    app.add_exception_handler(QuotecheckError, problem(500))

    async def http_error(request: Request, exc: HTTPException) -> Response:
        response = refuse(request, exc.status_code, str(exc.detail))
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        if is_api(request.url.path):
            return JSONResponse({"detail": jsonable(exc.errors())}, status_code=422)
        return refuse(request, 422, "The form was incomplete or invalid.")

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)

    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    app.include_router(pages.router)
    app.include_router(api.router)
    return app


def cite_links(text: str, count: int) -> Markup:
    """An answer with its `[n]` markers linked to citation n; everything else escaped."""
    out = []
    for n, part in enumerate(re.split(r"\[(\d+)\]", text)):
        if n % 2 and 1 <= int(part) <= count:
            out.append(Markup('<a href="#cited-{0}">[{0}]</a>').format(int(part)))
        else:
            out.append(escape(f"[{part}]" if n % 2 else part))
    return Markup("").join(out)


def jsonable(errors) -> list:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors)
