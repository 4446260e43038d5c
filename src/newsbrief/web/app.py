"""The FastAPI app: HTML pages and a JSON API over one `Store`, calling `newsbrief.summarize` and nothing deeper.

Briefs are computed in a small thread pool, off the event loop, within the per-request time limit, once per
content hash (concurrent requests for the same brief share one computation). A cluster's brief is kept in the
store under the hash of its documents and settings, in every format, so it is recomputed only when a document
is added or removed. ``POST /api/briefs`` stores nothing; it keeps recent briefs in memory only.

Safety: every text from a document is escaped (Jinja2 autoescape) and pages are served with a Content Security
Policy that allows no inline script; links are only made from http(s) URLs; writing requests need the bearer
token when one is set, and are refused when they come from another origin; the request body is limited; the
Host header must name this machine when it listens on loopback only (so DNS rebinding gets nowhere). No route
reads a file by a user-supplied path or fetches a URL.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from fastapi import Depends, FastAPI, Form, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsbrief import summarize
from newsbrief.errors import NewsbriefError
from newsbrief.model import METHODS, Article
from newsbrief.store import Store, StoredCluster, content_hash
from newsbrief.web.page import cluster_view, document_views

MB = 2**20
HERE = Path(__file__).parent
FORMATS = ("json", "markdown", "html")
MEDIA_TYPES = {"json": "application/json", "markdown": "text/markdown; charset=utf-8", "html": "text/html"}
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
BRIEF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]"})
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """How the server runs.

    db (str): the SQLite file (``":memory:"`` for a throwaway store).
    token (str | None): when set, every writing request needs ``Authorization: Bearer <token>``.
    max_body (int): largest request body in bytes; 413 beyond.
    max_documents (int): most documents in one cluster (or one ``POST /api/briefs``); 413 beyond.
    timeout (float): seconds a brief may take; 504 beyond.
    workers (int): threads computing briefs.
    loopback (bool): listening on loopback only, so the Host header must name this machine.
    """

    db: str = "newsbrief.sqlite"
    token: str | None = None
    max_body: int = 20 * MB
    max_documents: int = 200
    timeout: float = 30.0
    workers: int = 2
    loopback: bool = True


# API shapes ---------------------------------------------------------------------------------------------------


class Error(BaseModel):
    error: str = Field(description="What went wrong, in one line.")
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in {
        401: "A bearer token is required (the server was started with --token).",
        403: "Refused: a request from another origin.",
        404: "No such cluster or document.",
        409: "The cluster has no documents to summarize.",
        413: "The request body or the number of documents is over the limit.",
        422: "The request is malformed, or no document in it could be used.",
        504: "The brief took longer than the per-request time limit.",
    }.items()
}


class DocumentIn(BaseModel):
    """One article; only ``text`` is required."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(min_length=1)
    title: str = ""
    source: str = ""
    url: str = ""
    author: str = ""
    date: str | None = Field(None, description="ISO 8601, e.g. 2024-10-15 or 2024-10-15T09:30:00Z")
    id: str = ""

    @field_validator("date")
    @classmethod
    def iso_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            date.fromisoformat(value[:10])
        except ValueError:
            raise ValueError("must be an ISO 8601 date such as 2024-10-15") from None
        return value[:10]

    def article(self, origin: str) -> Article:
        return Article.from_dict(self.model_dump(), origin=origin)


Documents = Annotated[list[DocumentIn | str], Field(description="Articles, as objects or plain strings.")]


class ClusterIn(BaseModel):
    """A cluster in the benchmark form: ``{"id", "documents": [...]}``."""

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    documents: Documents


class NewCluster(BaseModel):
    title: str = Field("", max_length=500, description="Defaults to the first document's title.")
    documents: Annotated[list[DocumentIn | str], Field(min_length=1)]


class MoreDocuments(BaseModel):
    documents: Annotated[list[DocumentIn | str], Field(min_length=1)]


class Links(BaseModel):
    self: str
    brief: str
    page: str


class ClusterSummary(BaseModel):
    id: int
    title: str
    created: str
    updated: str
    documents: int
    links: Links


class ClusterList(BaseModel):
    clusters: list[ClusterSummary]


class DocumentOut(BaseModel):
    index: int
    text: str
    title: str
    source: str
    url: str
    author: str
    date: str | None
    id: str


class ClusterOut(BaseModel):
    id: int
    title: str
    created: str
    updated: str
    documents: list[DocumentOut]
    links: Links


class BriefSettings(BaseModel):
    words: int = Field(100, ge=10, le=2000, description="Word budget of the summary.")
    method: Literal[METHODS] = Field("default", description="Sentence selector.")  # type: ignore[valid-type]
    analysis: bool = Field(True, description="Also extract entities, quotes, claims, conflicts and a timeline.")


def links(cluster_id: int) -> Links:
    return Links(
        self=f"/api/clusters/{cluster_id}", brief=f"/api/clusters/{cluster_id}/brief", page=f"/clusters/{cluster_id}"
    )


def summary_of(row: dict[str, Any]) -> ClusterSummary:
    return ClusterSummary(**row, links=links(row["id"]))


def cluster_out(cluster: StoredCluster) -> ClusterOut:
    documents = [
        DocumentOut(
            index=i, text=a.text, title=a.title, source=a.source, url=a.url, author=a.author, date=a.date, id=a.id
        )
        for i, a in enumerate(cluster.articles)
    ]
    return ClusterOut(
        id=cluster.id,
        title=cluster.title,
        created=cluster.created,
        updated=cluster.updated,
        documents=documents,
        links=links(cluster.id),
    )


def to_articles(documents: list[DocumentIn | str], where: str) -> list[Article]:
    """The documents as Articles; 422 naming the first one that cannot be used."""
    articles = []
    for i, document in enumerate(documents):
        origin = f"{where} document {i}"
        try:
            articles.append(document.article(origin) if isinstance(document, DocumentIn) else text_article(document))
        except NewsbriefError as error:
            raise HTTPException(422, str(error)) from None
    return articles


def text_article(text: str, origin: str = "") -> Article:
    """A pasted text as an Article: its first line is the title when more lines follow (as in `summarize`)."""
    lines = text.strip().splitlines()
    return Article(text=text, title=lines[0].strip()[:250] if len(lines) > 1 else "", origin=origin)


def default_title(articles: list[Article]) -> str:
    for article in articles:
        if article.title.strip():
            return " ".join(article.title.split())[:200]
    words = articles[0].text.split() if articles else []
    return " ".join(words[:12]) + (" ..." if len(words) > 12 else "")


# The brief engine ---------------------------------------------------------------------------------------------


class Briefs:
    """Computes briefs in a thread pool within the time limit, once per content hash at a time."""

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.timeout = settings.timeout
        self.executor = ThreadPoolExecutor(settings.workers, thread_name_prefix="newsbrief")
        self.running: dict[str, asyncio.Future[Any]] = {}
        self.recent: OrderedDict[str, str] = OrderedDict()

    async def run(self, key: str, work: Callable[[], T]) -> T:
        future = self.running.get(key)
        if future is None:
            future = asyncio.wrap_future(self.executor.submit(work))
            self.running[key] = future
            future.add_done_callback(lambda done: self.finished(key, done))
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            raise HTTPException(
                504,
                f"the brief took longer than the {self.timeout:g} s time limit; "
                "try fewer documents or a smaller word budget",
            ) from None

    def finished(self, key: str, future: asyncio.Future[Any]) -> None:
        self.running.pop(key, None)
        if not future.cancelled():
            future.exception()  # retrieved here, so a result nobody waited for logs no warning

    async def transient(self, articles: list[Article], settings: BriefSettings) -> str:
        """The brief as JSON text, kept in memory only (the last 256 distinct requests)."""
        key = content_hash(articles, **settings.model_dump())
        if key in self.recent:
            self.recent.move_to_end(key)
            return self.recent[key]

        def work() -> str:
            from newsbrief.compose.render import render

            return render(summarize(articles, **settings.model_dump()), "json")

        body = await self.run(key, work)
        self.recent[key] = body
        while len(self.recent) > 256:
            self.recent.popitem(last=False)
        return body

    async def of_cluster(self, cluster: StoredCluster, settings: BriefSettings, fmt: str) -> str:
        """The cluster's brief in ``fmt``, from the store when its documents and settings are unchanged."""
        if not cluster.articles:
            raise HTTPException(
                409, f"cluster {cluster.id} has no documents; add some with POST /api/clusters/{cluster.id}/documents"
            )
        key = cluster.content_hash(**settings.model_dump())
        cached = await run_in_threadpool(self.store.cached_brief, key, fmt)
        if cached is not None:
            return cached

        def work() -> dict[str, str]:
            from newsbrief.compose.render import render

            brief = summarize(cluster.articles, **settings.model_dump())
            bodies = {fmt: render(brief, fmt) for fmt in FORMATS}
            self.store.cache_brief(key, bodies)
            return bodies

        return (await self.run(key, work))[fmt]

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


# Request checks -----------------------------------------------------------------------------------------------


class BodyLimit:
    """ASGI middleware: 413 for a body over ``limit`` bytes, by its Content-Length or as it streams in."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        message = f"the request body is over the {self.limit / MB:g} MB limit"
        length = dict(scope["headers"]).get(b"content-length", b"0")
        if not length.isdigit() or int(length) > self.limit:
            status = 413 if length.isdigit() else 400
            text = message if status == 413 else "the Content-Length header is not a number"
            await JSONResponse({"error": text, "status": status}, status)(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            got = await receive()
            seen += len(got.get("body", b""))
            if seen > self.limit:
                raise HTTPException(413, message)
            return got

        await self.app(scope, limited, send)


class HostCheck:
    """ASGI middleware: when listening on loopback, refuse a Host header that names another machine."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
            if name not in LOOPBACK_HOSTS:
                body = {"error": f"the Host header {host!r} does not name this machine", "status": 400}
                await JSONResponse(body, 400)(scope, receive, send)
                return
        await self.app(scope, receive, send)


def same_origin(request: Request) -> None:
    """Refuse a writing request that a page from another origin sent (a cross-site form post)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "refused: this request came from a page of another origin")
    if origin == "null":
        raise HTTPException(403, "refused: this request came from a page with no origin")


def check_token(expected: str | None, given: str | None) -> None:
    if expected is None:
        return
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            401,
            "this server requires a bearer token on writing requests: send 'Authorization: Bearer <token>'"
            + ("" if not given else " (the token given is wrong)"),
            headers={"WWW-Authenticate": "Bearer"},
        )


bearer = HTTPBearer(auto_error=False, description="Needed on writing requests when the server has a --token.")


def writer(request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> None:
    """Dependency of every writing API route: same origin, and the bearer token when one is set."""
    same_origin(request)
    check_token(request.app.state.settings.token, credentials.credentials if credentials else None)


def document_limit(settings: Settings) -> Callable[[int], None]:
    def check_count(count: int) -> None:
        """413 when a cluster would hold more documents than allowed."""
        if count > settings.max_documents:
            raise HTTPException(
                413, f"{count} documents is over the limit of {settings.max_documents} documents per cluster"
            )

    return check_count


# The app ------------------------------------------------------------------------------------------------------


def create_app(settings: Settings | None = None) -> FastAPI:
    """The web app over ``settings.db``; the store is opened now and closed when the app shuts down."""
    settings = settings or Settings()
    store = Store(settings.db)
    briefs = Briefs(store, settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):  # noqa: ANN202
        yield
        briefs.close()
        store.close()

    app = FastAPI(
        title="newsbrief",
        summary="Faithful, sourced, extractive briefs from many news articles about one story.",
        version=__import__("newsbrief").__version__,
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.briefs = briefs
    app.add_middleware(BodyLimit, limit=settings.max_body)
    if settings.loopback:
        app.add_middleware(HostCheck)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(directory=HERE / "templates")
    install_error_handlers(app, templates)
    add_api_routes(app, store, briefs, settings)
    add_page_routes(app, store, briefs, settings, templates)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", PAGE_POLICY)
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    return app


def install_error_handlers(app: FastAPI, templates: Jinja2Templates) -> None:
    """Errors are JSON ``{"error", "status"}`` under /api, and a short HTML page elsewhere."""

    def respond(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"error": message, "status": status}, status, headers=headers)
        context = {"status": status, "message": message}
        return templates.TemplateResponse(request, "error.html", context, status_code=status, headers=headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        message = error.detail if isinstance(error.detail, str) else json.dumps(error.detail)
        return respond(request, error.status_code, message, error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        problems = []
        for item in error.errors()[:5]:
            where = ".".join(str(part) for part in item.get("loc", ()))
            problems.append(f"{where}: {item.get('msg', 'invalid')}")
        return respond(request, 422, "invalid request: " + "; ".join(problems))

    @app.exception_handler(NewsbriefError)
    async def unusable(request: Request, error: NewsbriefError) -> Response:
        return respond(request, 422, str(error))


def add_api_routes(app: FastAPI, store: Store, briefs: Briefs, settings: Settings) -> None:
    check_count = document_limit(settings)

    async def get_cluster(cluster_id: int) -> StoredCluster:
        cluster = await run_in_threadpool(store.cluster, cluster_id)
        if cluster is None:
            raise HTTPException(404, f"no cluster {cluster_id}")
        return cluster

    @app.post(
        "/api/briefs",
        tags=["briefs"],
        responses={
            **ERRORS,
            200: {
                "description": "The brief (see `Brief.to_dict`).",
                "content": {"application/json": {"schema": {"type": "object"}}},
            },
        },
        response_class=Response,
        dependencies=[Depends(writer)],
    )
    async def make_brief(cluster: ClusterIn, settings_: Annotated[BriefSettings, Query()]) -> Response:
        """Summarize a cluster given in the body and return the brief as JSON; nothing is stored."""
        check_count(len(cluster.documents))
        articles = to_articles(cluster.documents, "request")
        return Response(await briefs.transient(articles, settings_), media_type="application/json")

    @app.post(
        "/api/clusters",
        status_code=201,
        tags=["clusters"],
        responses=ERRORS,
        dependencies=[Depends(writer)],
    )
    async def create_cluster(body: NewCluster) -> ClusterSummary:
        """Store a new cluster; its brief is at ``links.brief``."""
        check_count(len(body.documents))
        articles = to_articles(body.documents, "new cluster")
        title = " ".join(body.title.split()) or default_title(articles)
        cluster_id = await run_in_threadpool(store.create_cluster, title, articles)
        return summary_of(await run_in_threadpool(store.summary, cluster_id))

    @app.get("/api/clusters", tags=["clusters"], responses=ERRORS)
    async def list_clusters(
        q: Annotated[str, Query(max_length=200, description="Only clusters whose title or text holds this.")] = "",
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
    ) -> ClusterList:
        """Clusters, the most recently changed first."""
        rows = await run_in_threadpool(store.clusters, q, limit, offset)
        return ClusterList(clusters=[summary_of(row) for row in rows])

    @app.get("/api/clusters/{cluster_id}", tags=["clusters"], responses=ERRORS)
    async def read_cluster(cluster_id: int) -> ClusterOut:
        """The cluster with its documents, in order (a document's index is its position)."""
        return cluster_out(await get_cluster(cluster_id))

    @app.post(
        "/api/clusters/{cluster_id}/documents",
        status_code=201,
        tags=["clusters"],
        responses=ERRORS,
        dependencies=[Depends(writer)],
    )
    async def add_documents(cluster_id: int, body: MoreDocuments) -> ClusterOut:
        """Append documents to the cluster; its brief is recomputed on the next request."""
        cluster = await get_cluster(cluster_id)
        check_count(len(cluster.articles) + len(body.documents))
        articles = to_articles(body.documents, f"cluster {cluster_id}")
        if not await run_in_threadpool(store.add_documents, cluster_id, articles):
            raise HTTPException(404, f"no cluster {cluster_id}")
        return cluster_out(await get_cluster(cluster_id))

    @app.delete(
        "/api/clusters/{cluster_id}/documents/{index}",
        tags=["clusters"],
        responses=ERRORS,
        dependencies=[Depends(writer)],
    )
    async def remove_document(cluster_id: int, index: int) -> ClusterOut:
        """Remove the document at ``index``; the documents after it move up by one."""
        await get_cluster(cluster_id)
        if not await run_in_threadpool(store.remove_document, cluster_id, index):
            raise HTTPException(404, f"cluster {cluster_id} has no document {index}")
        return cluster_out(await get_cluster(cluster_id))

    @app.get(
        "/api/clusters/{cluster_id}/brief",
        tags=["briefs"],
        responses={
            **ERRORS,
            200: {
                "description": "The brief: JSON, markdown or a self-contained HTML page.",
                "content": {
                    "application/json": {"schema": {"type": "object"}},
                    "text/markdown": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                },
            },
        },
        response_class=Response,
    )
    async def cluster_brief(
        cluster_id: int,
        settings_: Annotated[BriefSettings, Query()],
        format: Annotated[Literal["json", "markdown", "html"], Query()] = "json",  # noqa: A002
    ) -> Response:
        """The cluster's brief, recomputed only when its documents (or the settings) change."""
        body = await briefs.of_cluster(await get_cluster(cluster_id), settings_, format)
        headers = {"Content-Security-Policy": BRIEF_POLICY} if format == "html" else None
        return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


def add_page_routes(app: FastAPI, store: Store, briefs: Briefs, settings: Settings, templates: Jinja2Templates) -> None:
    check_count = document_limit(settings)

    def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context["needs_token"] = settings.token is not None
        return templates.TemplateResponse(request, name, context, status_code=status)

    async def posted(request: Request) -> tuple[list[Article], list[str], Any]:
        """The articles of a submitted form (pasted texts and uploaded files), its problems, and the form."""
        from newsbrief.ingest.read import read_upload

        form = await request.form(max_files=settings.max_documents, max_part_size=settings.max_body)
        same_origin(request)
        given = form.get("token") or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        check_token(settings.token, given if isinstance(given, str) else None)
        articles, problems = [], []
        for i, text in enumerate(form.getlist("text")):
            if isinstance(text, str) and text.strip():
                found, issues = read_upload(f"pasted text {i + 1}", text.encode())
                articles += found
                problems += issues
        for upload in form.getlist("files"):
            if isinstance(upload, str) or not upload.filename:
                continue
            found, issues = read_upload(upload.filename, await upload.read())
            articles += found
            problems += issues
        return articles, problems, form

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def home(request: Request) -> HTMLResponse:
        recent = await run_in_threadpool(store.clusters, "", 20, 0)
        return page(request, "home.html", clusters=recent, query="")

    @app.get("/clusters", response_class=HTMLResponse, include_in_schema=False)
    async def clusters_page(request: Request, q: Annotated[str, Query(max_length=200)] = "") -> HTMLResponse:
        found = await run_in_threadpool(store.clusters, q.strip(), 200, 0)
        return page(request, "clusters.html", clusters=found, query=q)

    async def show_cluster(
        request: Request, cluster_id: int, words: int = 100, problems: list[str] | None = None
    ) -> HTMLResponse:
        cluster = await run_in_threadpool(store.cluster, cluster_id)
        if cluster is None:
            raise HTTPException(404, f"There is no cluster {cluster_id}.")
        view, error = None, None
        if cluster.articles:
            try:
                data = json.loads(await briefs.of_cluster(cluster, BriefSettings(words=words), "json"))
                view = await run_in_threadpool(cluster_view, data, cluster.articles)
            except NewsbriefError as problem:
                error = str(problem)
        documents = view.documents if view else document_views(cluster.articles)
        context = {"cluster": cluster, "view": view, "documents": documents, "error": error, "words": words}
        return page(request, "cluster.html", problems=problems or [], **context)

    @app.post("/clusters", include_in_schema=False)
    async def create_from_form(request: Request) -> Response:
        """Create a cluster; go to its page, or show it at once when some inputs were skipped."""
        articles, problems, form = await posted(request)
        if not articles:
            recent = await run_in_threadpool(store.clusters, "", 20, 0)
            message = "Nothing to summarize: paste a text or choose a file."
            return page(request, "home.html", 422, clusters=recent, query="", error=message, problems=problems)
        check_count(len(articles))
        title = form.get("title")
        title = " ".join(title.split())[:500] if isinstance(title, str) else ""
        cluster_id = await run_in_threadpool(store.create_cluster, title or default_title(articles), articles)
        if problems:
            return await show_cluster(request, cluster_id, problems=problems)
        return RedirectResponse(f"/clusters/{cluster_id}", 303)

    @app.get("/clusters/{cluster_id}", response_class=HTMLResponse, include_in_schema=False)
    async def cluster_page(
        request: Request, cluster_id: int, words: Annotated[int, Query(ge=10, le=2000)] = 100
    ) -> HTMLResponse:
        return await show_cluster(request, cluster_id, words)

    @app.post("/clusters/{cluster_id}/documents", include_in_schema=False)
    async def add_from_form(request: Request, cluster_id: int) -> Response:
        articles, problems, _ = await posted(request)
        cluster = await run_in_threadpool(store.cluster, cluster_id)
        if cluster is None:
            raise HTTPException(404, f"There is no cluster {cluster_id}.")
        check_count(len(cluster.articles) + len(articles))
        if not articles:
            raise HTTPException(422, "Nothing to add: " + ("; ".join(problems) or "paste a text or choose a file."))
        await run_in_threadpool(store.add_documents, cluster_id, articles)
        if problems:
            return await show_cluster(request, cluster_id, problems=problems)
        return RedirectResponse(f"/clusters/{cluster_id}", 303)

    @app.post("/clusters/{cluster_id}/documents/{index}/delete", include_in_schema=False)
    async def remove_from_form(
        request: Request, cluster_id: int, index: int, token: Annotated[str, Form()] = ""
    ) -> Response:
        same_origin(request)
        check_token(settings.token, token or request.headers.get("authorization", "").removeprefix("Bearer ").strip())
        if not await run_in_threadpool(store.remove_document, cluster_id, index):
            raise HTTPException(404, f"Cluster {cluster_id} has no document {index}.")
        return RedirectResponse(f"/clusters/{cluster_id}", 303)
