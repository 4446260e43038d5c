"""What every route shares: the server `Settings`, the `Briefs` engine, and the checks on writing requests.

The store and the engine live on ``app.state`` from startup to shutdown (see `newsbrief.web.app.lifespan`);
routes get them through the `StoreDep`, `BriefsDep` and `SettingsDep` dependencies.
"""

from __future__ import annotations

import asyncio
import hmac
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import urlsplit

from fastapi import Depends, HTTPException, Path, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from newsbrief import isolated
from newsbrief.config import (
    BODY_SECONDS,
    HEADER_SECONDS,
    MAX_BYTES,
    MAX_DOCUMENTS,
    METHODS,
    REQUEST_SECONDS,
    WORDS,
)
from newsbrief.model import Article
from newsbrief.render.brief import TITLE
from newsbrief.store import Store, StoredCluster, content_hash

MB = 2**20
FORMATS = ("json", "markdown", "html")
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """How the server runs.

    db (str): the SQLite file (``":memory:"`` for a throwaway store).
    token (str | None): when set, every writing request needs ``Authorization: Bearer <token>``.
    max_body (int): largest request body in bytes; 413 beyond.
    max_documents (int): most documents in one cluster (or one ``POST /api/briefs``); 413 beyond.
    timeout (float): seconds a brief may take; 504 beyond.
    header_timeout (float): seconds a client has to send a request's headers (`newsbrief serve`); closed beyond.
    body_timeout (float): seconds a client has to send a request's body; 408 beyond.
    workers (int): briefs computed at once, each in its own child process (`newsbrief.isolated`).
    loopback (bool): listening on loopback only, so the Host header must name this machine.
    """

    db: str = "newsbrief.sqlite"
    token: str | None = None
    max_body: int = MAX_BYTES
    max_documents: int = MAX_DOCUMENTS
    timeout: float = REQUEST_SECONDS
    header_timeout: float = HEADER_SECONDS
    body_timeout: float = BODY_SECONDS
    workers: int = 2
    loopback: bool = True


class BriefSettings(BaseModel):
    """The settings of one brief (query parameters of the brief routes)."""

    words: int = Field(100, ge=WORDS.low, le=WORDS.high, description="Word budget of the summary.")
    method: Literal[METHODS] = Field("default", description="Sentence selector.")  # type: ignore[valid-type]
    analysis: bool = Field(True, description="Also extract entities, quotes, claims, conflicts and a timeline.")


class Briefs:
    """Computes briefs within the time limit, once per content hash at a time.

    Each brief is computed in a child process (`newsbrief.isolated`), which is killed past the time limit: the
    request gets 504, and neither the event loop nor a thread is held by a brief that would run for minutes.
    A thread pool of ``workers`` threads waits on the children (waiting on a pipe holds no lock).

    A cluster's brief is kept in the store, in every format, under the hash of its documents and settings;
    a transient brief (``POST /api/briefs``) is kept in memory only, for the last `RECENT` distinct requests.
    """

    RECENT = 256

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.timeout = settings.timeout
        self.executor = ThreadPoolExecutor(settings.workers, thread_name_prefix="newsbrief")
        self.running: dict[str, asyncio.Future[Any]] = {}
        self.recent: OrderedDict[str, str] = OrderedDict()

    async def run(self, key: str, work: Callable[[], T]) -> T:
        """``work()`` in the pool, shared with any request already computing ``key``; 504 past the time limit."""
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

    async def transient(self, articles: list[Article], settings: BriefSettings, seen: Sequence[Article] = ()) -> str:
        """The brief of ``articles`` as JSON text; with ``seen`` (documents already read), an update brief."""
        old = {"seen": content_hash(seen)} if seen else {}  # the seen documents' fields, hashed as the others
        key = content_hash(articles, **settings.model_dump(), **old)
        if key in self.recent:
            self.recent.move_to_end(key)
            return self.recent[key]

        body = (await self.run(key, lambda: self.bodies(articles, settings, ("json",), TITLE, seen)))["json"]
        self.recent[key] = body
        while len(self.recent) > self.RECENT:
            self.recent.popitem(last=False)
        return body

    async def of_cluster(self, cluster: StoredCluster, settings: BriefSettings, fmt: str) -> str:
        """The cluster's brief in ``fmt``, from the store when its documents and the settings are unchanged."""
        if not cluster.articles:
            raise HTTPException(
                409, f"cluster {cluster.id} has no documents; add some with POST /api/clusters/{cluster.id}/documents"
            )
        key = cluster.content_hash(**settings.model_dump(), title=cluster.title)  # the exports carry the title
        cached = self.store.cached_brief(key, fmt)  # a key lookup: quicker here than a hop to a thread
        if cached is not None:
            return cached

        def work() -> dict[str, str]:
            bodies = self.bodies(cluster.articles, settings, FORMATS, cluster.title)
            self.store.cache_brief(key, bodies)
            return bodies

        return (await self.run(key, work))[fmt]

    def bodies(
        self,
        articles: Sequence[Article],
        settings: BriefSettings,
        formats: tuple[str, ...],
        title: str,
        seen: Sequence[Article] = (),
    ) -> dict[str, str]:
        """The brief of ``articles`` in each of ``formats`` (headed ``title``), computed in a child process within
        the time limit; with ``seen`` (documents already read), an update brief."""
        old = {"seen": isolated.articles_request(list(seen))} if seen else {}
        request = {
            "title": title,
            "articles": isolated.articles_request(list(articles)),
            "settings": {**settings.model_dump(), **old},
            "formats": formats,
        }
        return isolated.call("bodies", request, self.timeout)

    def close(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)


def get_store(request: Request) -> Store:
    return request.app.state.store


def get_briefs(request: Request) -> Briefs:
    return request.app.state.briefs


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


ClusterId = Annotated[int, Path(ge=1, le=2**63 - 1, description="The cluster's id.")]
DocumentIndex = Annotated[int, Path(ge=0, le=2**31, description="0-based position of the document in the cluster.")]
StoreDep = Annotated[Store, Depends(get_store)]
BriefsDep = Annotated[Briefs, Depends(get_briefs)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


def find_cluster(store: Store, cluster_id: int) -> StoredCluster:
    """The cluster, or 404.

    Reads by key run on the event loop: they take well under a millisecond, less than a hop to a worker thread
    and back costs under load. Writes, which wait for the disk, run in threads.
    """
    cluster = store.cluster(cluster_id)
    if cluster is None:
        raise HTTPException(404, f"no cluster {cluster_id}")
    return cluster


def check_count(settings: Settings, count: int) -> None:
    """413 when a cluster would hold more documents than allowed."""
    if count > settings.max_documents:
        raise HTTPException(
            413, f"{count} documents is over the limit of {settings.max_documents} documents per cluster"
        )


def same_origin(request: Request) -> None:
    """Refuse a writing request that a page of another origin sent (a cross-site form post)."""
    origin = request.headers.get("origin")
    if origin == "null":
        raise HTTPException(403, "refused: this request came from a page with no origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise HTTPException(403, "refused: this request came from a page of another origin")


def check_token(settings: Settings, given: str | None) -> None:
    """401 unless the server has no token or ``given`` is it (compared in constant time)."""
    if settings.token is None:
        return
    if not given or not hmac.compare_digest(given.encode(), settings.token.encode()):
        raise HTTPException(
            401,
            "this server requires a bearer token on writing requests: send 'Authorization: Bearer <token>'"
            + (" (the token given is wrong)" if given else ""),
            headers={"WWW-Authenticate": "Bearer"},
        )


bearer = HTTPBearer(auto_error=False, description="Needed on writing requests when the server has a --token.")


def writer(
    request: Request,
    settings: SettingsDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    """Dependency of every writing API route: same origin, and the bearer token when one is set."""
    same_origin(request)
    check_token(settings, credentials.credentials if credentials else None)
