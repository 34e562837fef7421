"""What every request goes through before it reaches a route: plain ASGI middleware.

- `SecurityHeaders`: CSP `default-src 'self'`, nosniff, no referrer, no framing, on every response.
- `TokenAuth`: when a token is configured, `Authorization: Bearer <token>` (pages also accept the
  session cookie set by the login form); anything else gets 401.
- `CatchAll`: an unexpected error becomes a short 500, page or JSON, never a traceback.
- `BodyLimit`: a request body larger than its limit gets 413, whether the client announced the
  size (Content-Length) or not (counted while reading the stream). Bodies are read here, in full,
  before the route runs, so no route ever sees more than the limit.

Refusals are rendered by a callback (`Refuse`) so that pages get a page and the API gets JSON.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from collections.abc import Callable
from http.cookies import SimpleCookie

from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("quotecheck.web")
COOKIE = "quotecheck_session"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
}

# (request, status, message) -> the response to send instead of running the route.
Refuse = Callable[[Request, int, str], Response]


def is_api(path: str) -> bool:
    return path == "/openapi.json" or path.startswith("/api/") or path == "/api"


def session_value(token: str) -> str:
    """What the login cookie holds: derived from the token, never the token itself."""
    return hmac.new(token.encode(), b"quotecheck web session", hashlib.sha256).hexdigest()


class SecurityHeaders:
    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        static = scope["path"].startswith("/static/")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.decode("latin-1").lower() not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                if not static:
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class TokenAuth:
    """Bearer token on every request (pages: or the login cookie). `/login` and `/static/` are open."""

    OPEN = ("/login", "/static/")

    def __init__(self, app: ASGIApp, token: str | None, refuse: Refuse):
        self.app = app
        self.token = token or None
        self.session = session_value(token) if token else None
        self.refuse = refuse

    def allowed(self, request: Request) -> bool:
        scheme, _, given = request.headers.get("authorization", "").partition(" ")
        if scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), self.token.encode()):
            return True
        if is_api(request.url.path):
            return False
        cookie = SimpleCookie()
        try:
            cookie.load(request.headers.get("cookie", ""))
        except Exception:  # a malformed cookie header is no credential
            return False
        got = cookie.get(COOKIE)
        return bool(got) and hmac.compare_digest(got.value.encode(), self.session.encode())

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            return await self.app(scope, receive, send)
        path = scope["path"]
        if path == self.OPEN[0] or path.startswith(self.OPEN[1]):
            return await self.app(scope, receive, send)
        request = Request(scope)
        if self.allowed(request):
            return await self.app(scope, receive, send)
        response = self.refuse(request, 401, "This quotecheck server needs an access token.")
        if is_api(path):
            response.headers["www-authenticate"] = "Bearer"
        await response(scope, receive, send)


class BodyLimit:
    """413 for bodies over `limit_for(path)` bytes, announced or streamed."""

    def __init__(self, app: ASGIApp, limit_for: Callable[[str], int], refuse: Refuse):
        self.app = app
        self.limit_for = limit_for
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        limit = self.limit_for(scope["path"])
        request = Request(scope)
        announced = request.headers.get("content-length")
        if announced is not None:
            if not announced.strip().isdigit():
                return await self.refuse(request, 400, "Invalid Content-Length header.")(scope, receive, send)
            if int(announced) > limit:
                return await self._too_large(request, limit, scope, receive, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > limit:
                return await self._too_large(request, limit, scope, receive, send)
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _too_large(self, request: Request, limit: int, scope: Scope, receive: Receive, send: Send) -> None:
        message = f"The request is too large: the limit here is {megabytes(limit)}."
        response = self.refuse(request, 413, message)
        response.headers["connection"] = "close"
        await response(scope, receive, send)


class CatchAll:
    """An unexpected error becomes a short 500 (page or JSON, with the security headers); the traceback goes to the log."""

    def __init__(self, app: ASGIApp, refuse: Refuse):
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:
            log.exception("unhandled error on %s", scope["path"])
            if started:
                raise
            message = f"Internal error ({type(exc).__name__}); the server log has the details."
            await self.refuse(Request(scope), 500, message)(scope, receive, send)


def megabytes(n: int) -> str:
    return f"{n / 1_000_000:g} MB"
