"""The JSON API under /api; its OpenAPI spec is served at /openapi.json.

Errors are ``{"error": "<one line>", "status": <code>}`` with the status code that fits (see `ERRORS`).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, field_validator
from starlette.concurrency import run_in_threadpool

from newsbrief.config import MEDIA_TYPES
from newsbrief.errors import NewsbriefError
from newsbrief.ingest.read import text_article
from newsbrief.model import Article
from newsbrief.store import StoredCluster
from newsbrief.text import one_line
from newsbrief.web.runtime import (
    BriefsDep,
    BriefSettings,
    ClusterId,
    DocumentIndex,
    SettingsDep,
    StoreDep,
    check_count,
    find_cluster,
    writer,
)
from newsbrief.web.schema import BriefOut

BRIEF_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"
"""The HTML brief has inline style and no script at all."""


class Error(BaseModel):
    error: str = Field(description="What went wrong, in one line.")
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Error, "description": text}
    for code, text in {
        400: "The request is malformed (Host or Content-Length header).",
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
    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    date: str | None = Field(None, description="ISO 8601, e.g. 2024-10-15 or 2024-10-15T09:30:00Z")
    id: str | None = None
    doc_id: str | None = Field(None, description="The id, under the name benchmark files use (when id is absent).")

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


Document = DocumentIn | str


class ClusterIn(BaseModel):
    """A cluster in the benchmark form: ``{"id", "documents": [...]}``; documents are objects or plain strings.

    With ``"seen": [documents already read]`` the brief is an update: it covers what ``documents`` add and repeats
    no sentence of the seen ones.
    """

    model_config = ConfigDict(extra="ignore")

    id: str | int | None = None
    documents: list[Document]
    seen: list[Document] = Field(
        default_factory=list, description="Documents the reader has already read; the brief covers what is new."
    )


class NewCluster(BaseModel):
    title: str = Field("", max_length=500, description="Defaults to the first document's title.")
    documents: Annotated[list[Document], Field(min_length=1)]


class MoreDocuments(BaseModel):
    """Documents to append: ``{"documents": [...]}``, or one document on its own."""

    documents: Annotated[list[Document], Field(min_length=1)]


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


def links(cluster_id: int) -> Links:
    base = f"/api/clusters/{cluster_id}"
    return Links(self=base, brief=f"{base}/brief", page=f"/clusters/{cluster_id}")


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


def to_articles(documents: list[Document], where: str) -> list[Article]:
    """The documents as Articles; 422 naming the first one that cannot be used."""
    articles = []
    for i, document in enumerate(documents):
        origin = f"{where} document {i}"
        try:
            if isinstance(document, str):
                articles.append(text_article(document, origin))
            else:
                articles.append(Article.from_dict(document.model_dump(), origin=origin))
        except NewsbriefError as error:
            raise HTTPException(422, str(error)) from None
    return articles


def default_title(articles: list[Article]) -> str:
    """The first document title, else the first words of the first text."""
    for article in articles:
        if article.title.strip():
            return one_line(article.title)[:200]
    words = articles[0].text.split() if articles else []
    return " ".join(words[:12]) + (" ..." if len(words) > 12 else "")


api = APIRouter(prefix="/api", responses=ERRORS)
writing = [Depends(writer)]


@api.post(
    "/briefs",
    tags=["briefs"],
    response_class=Response,
    responses={200: {"description": "The brief.", "model": BriefOut}},
    dependencies=writing,
)
async def make_brief(
    cluster: ClusterIn, brief: Annotated[BriefSettings, Query()], briefs: BriefsDep, settings: SettingsDep
) -> Response:
    """Summarize the cluster in the body and return the brief as JSON; nothing is stored.

    With ``seen`` (documents already read), the brief is an update: what ``documents`` add to them."""
    check_count(settings, len(cluster.documents) + len(cluster.seen))
    articles = to_articles(cluster.documents, "request")
    seen = to_articles(cluster.seen, "request seen") if cluster.seen else []
    return Response(await briefs.transient(articles, brief, seen), media_type=MEDIA_TYPES["json"])


@api.post("/clusters", status_code=201, tags=["clusters"], dependencies=writing)
async def create_cluster(body: NewCluster, store: StoreDep, settings: SettingsDep) -> ClusterSummary:
    """Store a new cluster; its brief is at ``links.brief``."""
    check_count(settings, len(body.documents))
    articles = to_articles(body.documents, "new cluster")
    title = one_line(body.title) or default_title(articles)
    cluster_id = await run_in_threadpool(store.create_cluster, title, articles)
    row = store.summary(cluster_id)
    return ClusterSummary(**row, links=links(cluster_id))


@api.get("/clusters", tags=["clusters"])
async def list_clusters(
    store: StoreDep,
    q: Annotated[str, Query(max_length=200, description="Only clusters whose title or text holds this.")] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0, le=2**31)] = 0,
) -> ClusterList:
    """Clusters, the most recently changed first."""
    rows = await run_in_threadpool(store.clusters, q, limit, offset)
    return ClusterList(clusters=[ClusterSummary(**row, links=links(row["id"])) for row in rows])


@api.get("/clusters/{cluster_id}", tags=["clusters"])
async def read_cluster(cluster_id: ClusterId, store: StoreDep) -> ClusterOut:
    """The cluster with its documents, in order (a document's index is its position)."""
    return cluster_out(find_cluster(store, cluster_id))


@api.post("/clusters/{cluster_id}/documents", status_code=201, tags=["clusters"], dependencies=writing)
async def add_documents(
    cluster_id: ClusterId, body: MoreDocuments | DocumentIn, store: StoreDep, settings: SettingsDep
) -> ClusterOut:
    """Append documents (``{"documents": [...]}``, or one document object) to the cluster; its brief is recomputed
    on the next request."""
    documents = body.documents if isinstance(body, MoreDocuments) else [body]
    cluster = find_cluster(store, cluster_id)
    check_count(settings, len(cluster.articles) + len(documents))
    articles = to_articles(documents, f"cluster {cluster_id}")
    if not await run_in_threadpool(store.add_documents, cluster_id, articles):
        raise HTTPException(404, f"no cluster {cluster_id}")
    return cluster_out(find_cluster(store, cluster_id))


@api.delete("/clusters/{cluster_id}", status_code=204, tags=["clusters"], dependencies=writing)
async def delete_cluster(cluster_id: ClusterId, store: StoreDep) -> Response:
    """Delete the cluster, its documents and nothing else (cached briefs are keyed by content, not by cluster)."""
    if not await run_in_threadpool(store.delete_cluster, cluster_id):
        raise HTTPException(404, f"no cluster {cluster_id}")
    return Response(status_code=204)


@api.delete("/clusters/{cluster_id}/documents/{index}", tags=["clusters"], dependencies=writing)
async def remove_document(cluster_id: ClusterId, index: DocumentIndex, store: StoreDep) -> ClusterOut:
    """Remove the document at ``index``; the documents after it move up by one."""
    find_cluster(store, cluster_id)
    if not await run_in_threadpool(store.remove_document, cluster_id, index):
        raise HTTPException(404, f"cluster {cluster_id} has no document {index}")
    return cluster_out(find_cluster(store, cluster_id))


@api.get(
    "/clusters/{cluster_id}/brief",
    tags=["briefs"],
    response_class=Response,
    responses={
        200: {
            "description": "The brief: JSON, markdown or a self-contained HTML page.",
            "model": BriefOut,
            "content": {"text/markdown": {"schema": {"type": "string"}}, "text/html": {"schema": {"type": "string"}}},
        }
    },
)
async def cluster_brief(
    cluster_id: ClusterId,
    brief: Annotated[BriefSettings, Query()],
    store: StoreDep,
    briefs: BriefsDep,
    format: Literal["json", "markdown", "html"] = "json",  # noqa: A002
) -> Response:
    """The cluster's brief, recomputed only when its documents (or the settings) change."""
    body = await briefs.of_cluster(find_cluster(store, cluster_id), brief, format)
    headers = {"Content-Security-Policy": BRIEF_POLICY} if format == "html" else None
    return Response(body, media_type=MEDIA_TYPES[format], headers=headers)


@api.get("/stories", tags=["stories"])
async def read_stories(
    store: StoreDep,
    since: Annotated[date | None, Query(description="Only stories with an article dated on or after this.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    q: Annotated[
        str, Query(max_length=200, description="Only stories whose headline or articles have each of these words.")
    ] = "",
) -> list[dict[str, Any]]:
    """Stories found by `newsbrief ingest`, the most recently changed first (see `newsbrief.stories.list_stories`)."""
    from newsbrief.stories import list_stories

    return await run_in_threadpool(list_stories, store, since and since.isoformat(), limit, q.strip())


@api.get("/stories/{story_id}", tags=["stories"])
async def read_story_brief(
    story_id: Annotated[int, Path(ge=1, le=2**63 - 1)],
    store: StoreDep,
    briefs: BriefsDep,
    since: Annotated[
        date | None,
        Query(description="Brief only what is new: the articles dated on or after this, the older ones as read."),
    ] = None,
) -> Any:
    """The story's stored brief (`Brief.to_dict`); 404 when there is no such story or it has no brief yet.

    With ``since``, an update brief: the story's articles dated on or after it are new, the older (and undated)
    ones were read already (listed under ``seen``); it repeats no sentence of theirs. 404 when none is new."""
    from newsbrief.stories import story_brief
    from newsbrief.stories.briefs import articles_since

    if since is not None:
        if store.stories.story(story_id) is None:
            raise HTTPException(404, f"no story {story_id}")
        new, seen = await run_in_threadpool(articles_since, store, story_id, since.isoformat())
        if not new:
            raise HTTPException(404, f"story {story_id} has no article dated on or after {since.isoformat()}")
        body = await briefs.transient(new, BriefSettings(), seen)
        return Response(body, media_type=MEDIA_TYPES["json"])
    brief = story_brief(store, story_id)
    if brief is None:
        raise HTTPException(404, f"no brief of story {story_id}: no such story, or `newsbrief ingest` wrote none yet")
    return brief
