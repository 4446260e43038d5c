"""The FastAPI app: HTML pages (`newsbrief.web.pages`) and a JSON API (`newsbrief.web.api`) over one `Store`.

The web app calls `newsbrief.summarize` and nothing deeper. Briefs are computed in child processes, off the
event loop, killed past the per-request time limit, once per content hash (see `newsbrief.web.runtime.Briefs`).

Safety: every text from a document is escaped (Jinja2 autoescape) and pages are served with a Content Security
Policy that allows no inline script; links are only made from http(s) URLs; writing requests need the bearer
token when one is set and are refused when they come from another origin; the request body is limited in size
and in time (`BodyLimit`); when
the server listens on loopback only, the Host header must name this machine (so DNS rebinding gets nowhere).
No route reads a file by a user-supplied path or fetches a URL.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief import isolated
from newsbrief.errors import NewsbriefError
from newsbrief.store import Store
from newsbrief.web.api import api
from newsbrief.web.pages import pages, templates
from newsbrief.web.runtime import MB, Briefs, Settings

PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
log = logging.getLogger("newsbrief.web")
access_log = logging.getLogger("newsbrief.access")
CLOSE = {"Connection": "close"}
"""Header of an answer given before the request was read to its end: the connection cannot carry another."""
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app; its store (``settings.db``) is open from startup to shutdown."""
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        with Store(settings.db) as store:
            app.state.store = store
            app.state.briefs = Briefs(store, settings)
            await run_in_threadpool(isolated.start, settings.workers)  # the first brief must not wait for models
            try:
                yield
            finally:
                app.state.briefs.close()

    app = FastAPI(
        title="newsbrief",
        summary="Faithful, sourced, extractive briefs from many news articles about one story.",
        version=__import__("newsbrief").__version__,
        lifespan=lifespan,
        docs_url=None,  # /docs is a page of our own (newsbrief.web.pages.docs): Swagger UI served from here
        redoc_url=None,
    )
    app.state.settings = settings
    app.include_router(api)
    app.include_router(pages)
    app.mount("/static/swagger", StaticFiles(packages=[("fastapi_offline", "static")]), name="swagger")
    app.mount("/static", StaticFiles(directory=Path(__file__).parent / "static"), name="static")
    install_error_handlers(app)
    app.add_middleware(BodyLimit, limit=settings.max_body, seconds=settings.body_timeout)
    if settings.loopback:
        app.add_middleware(HostCheck)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(AccessLog)
    return app


class SecurityHeaders:
    """ASGI middleware: every response gets the page policy (unless it set its own), nosniff, same-origin referrer."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", PAGE_POLICY)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "same-origin"  # "no-referrer" would make Chromium send "Origin: null"
            await send(message)

        await self.app(scope, receive, with_headers if scope["type"] == "http" else send)


def error_response(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """JSON ``{"error", "status"}`` under /api, a short HTML page elsewhere."""
    if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
        return JSONResponse({"error": message, "status": status}, status, headers=headers)
    context = {"status": status, "message": message, "needs_token": False}
    return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else json.dumps(error.detail)
        return error_response(request, error.status_code, message, error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = [
            ".".join(str(part) for part in item.get("loc", ())) + ": " + item.get("msg", "invalid")
            for item in error.errors()[:5]
        ]
        return error_response(request, 422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(NewsbriefError)
    async def unusable(request: Request, error: NewsbriefError) -> Response:
        return error_response(request, 422, str(error))

    @app.exception_handler(Exception)
    async def internal(request: Request, error: Exception) -> Response:
        log.error("%s %s failed", request.method, request.url.path, exc_info=error)
        return error_response(request, 500, f"internal error ({type(error).__name__}); the server log has details")


class BodyLimit:
    """ASGI middleware: 413 for a body over ``limit`` bytes, by its Content-Length or as it streams in; 408 for a
    body that takes longer than ``seconds`` to arrive.

    Before a 413 the body is read on (and dropped) up to another ``limit`` bytes: a client that sends its whole
    body before it reads the answer (urllib, requests) would otherwise see the connection reset, not the 413.
    """

    def __init__(self, app: ASGIApp, limit: int, seconds: float) -> None:
        self.app = app
        self.limit = limit
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is over the {self.limit / MB:g} MB limit"
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit():
            body = {"error": "the Content-Length header is not a number", "status": 400}
            await JSONResponse(body, 400, headers=CLOSE)(scope, receive, send)
            return
        deadline = asyncio.get_running_loop().time() + self.seconds
        seen = 0
        ended = False

        async def timed() -> Message:
            nonlocal seen, ended
            if ended:  # the body is in: what follows (a disconnect) may take any time
                return await receive()
            try:
                got = await asyncio.wait_for(receive(), deadline - asyncio.get_running_loop().time())
            except TimeoutError:
                raise HTTPException(408, f"the request body took longer than {self.seconds:g} s to arrive") from None
            seen += len(got.get("body", b""))
            ended = got["type"] != "http.request" or not got.get("more_body", False)
            return got

        async def drained() -> None:
            """Read the rest of the body, up to ``limit`` more bytes."""
            budget = seen + self.limit
            with contextlib.suppress(HTTPException):
                while not ended and seen <= budget:
                    await timed()

        if int(length) > self.limit:
            await drained()
            await JSONResponse({"error": message, "status": 413}, 413, headers=CLOSE)(scope, receive, send)
            return

        async def limited() -> Message:
            got = await timed()
            if seen > self.limit:
                await drained()
                raise HTTPException(413, message, headers=CLOSE)  # FastAPI passes one raised while reading through
            return got

        await self.app(scope, limited, send)


class AccessLog:
    """ASGI middleware: one line per request on the ``newsbrief.access`` logger (client, method, path, status,
    milliseconds); `newsbrief serve` prints it on stderr unless ``--quiet``."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start = time.perf_counter()
        status = 500  # what the client gets if the app raises before it answers

        async def noted(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, noted)
        finally:
            client = scope.get("client") or ("-", 0)
            ms = (time.perf_counter() - start) * 1000
            access_log.info("%s %s %s %d %.0f ms", client[0], scope["method"], scope["path"], status, ms)


class HostCheck:
    """ASGI middleware: refuse a Host header that does not name this machine (for a loopback server)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = host if host.endswith("]") else host.rsplit(":", 1)[0]
            if name not in LOOPBACK_HOSTS:
                body = {"error": f"the Host header {host!r} does not name this machine", "status": 400}
                await JSONResponse(body, 400)(scope, receive, send)
                return
        await self.app(scope, receive, send)
