"""The HTML pages: make a cluster from pasted texts or uploaded files, read its brief beside its sources, search;
browse the stories that `newsbrief ingest` found in a stream of articles.

The pages work without JavaScript (plain links and forms); static/app.js adds the one-document-at-a-time
sources column and the highlighting. Forms post here with the same checks as the API (same origin, and the
token as a form field when the server has one); uploads are read from memory, never from a path.
"""

from __future__ import annotations

import json
import secrets
from collections import OrderedDict
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from newsbrief.config import WORDS
from newsbrief.errors import NewsbriefError
from newsbrief.model import Analysis, Article
from newsbrief.render.brief import document_label
from newsbrief.store import Store, StoredCluster
from newsbrief.text import one_line
from newsbrief.web.api import default_title
from newsbrief.web.runtime import (
    BriefSettings,
    ClusterId,
    DocumentIndex,
    SettingsDep,
    StoreDep,
    check_count,
    check_token,
    same_origin,
)
from newsbrief.web.view import cluster_view, document_views, safe_link

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.filters["when"] = lambda stamp: stamp[:16].replace("T", " ") + " UTC"  # the store keeps UTC ISO times
pages = APIRouter(include_in_schema=False)
DOCS_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"
)
"""Swagger UI sets inline styles and data: images, and fetches the spec; nothing leaves this server."""
STORIES_SHOWN = 200
"""Most stories listed on one page (the most recently changed)."""


def page(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    context["needs_token"] = request.app.state.settings.token is not None
    context["word_range"] = WORDS
    return templates.TemplateResponse(request, name, context, status_code=status)


class Notices:
    """What a form post has to tell the page it redirects to (the inputs it skipped), kept for one reading.

    Every post answers with a redirect, so that reloading the page it lands on does not post again; the
    skipped inputs travel as a short key in the URL (``?notice=...``), read once. The last `KEPT` are kept.
    """

    KEPT = 256

    def __init__(self) -> None:
        self.waiting: OrderedDict[str, list[str]] = OrderedDict()

    def put(self, problems: list[str]) -> str:
        key = secrets.token_urlsafe(8)
        self.waiting[key] = problems
        while len(self.waiting) > self.KEPT:
            self.waiting.popitem(last=False)
        return key

    def take(self, key: str) -> list[str]:
        return self.waiting.pop(key, [])


notices = Notices()


def to_cluster(cluster_id: int, problems: list[str]) -> RedirectResponse:
    """303 to the cluster's page, carrying ``problems`` when there are any."""
    notice = f"?notice={notices.put(problems)}" if problems else ""
    return RedirectResponse(f"/clusters/{cluster_id}{notice}", 303)


async def checked_form(request: Request, max_files: int = 0) -> FormData:
    """The posted form; refused when it comes from another origin, or lacks the token the server asks for."""
    same_origin(request)
    settings = request.app.state.settings
    form = await request.form(max_files=max_files, max_part_size=settings.max_body)
    check_token(settings, form_token(request, form))
    return form


def form_token(request: Request, form: FormData) -> str:
    given = form.get("token")
    if isinstance(given, str) and given:
        return given
    return request.headers.get("authorization", "").removeprefix("Bearer ").strip()


async def posted(request: Request) -> tuple[list[Article], list[str], FormData]:
    """The articles of a submitted form (pasted texts and uploaded files), its problems, and the form.

    The files are read in a worker thread: reading 10 MB of text takes a while, and the event loop serves every
    other request meanwhile.
    """
    form = await checked_form(request, max_files=request.app.state.settings.max_documents)
    uploads = [
        (f"pasted text {i + 1}", text.encode())
        for i, text in enumerate(form.getlist("text"))
        if isinstance(text, str) and text.strip()
    ]
    for upload in form.getlist("files"):
        if not isinstance(upload, str) and upload.filename:
            uploads.append((upload.filename, await upload.read()))
    articles, problems = await run_in_threadpool(read_uploads, uploads)
    return articles, problems, form


def read_uploads(uploads: list[tuple[str, bytes]]) -> tuple[list[Article], list[str]]:
    """The articles and problems of every (name, data) upload, in order."""
    from newsbrief.ingest.read import read_upload

    articles: list[Article] = []
    problems: list[str] = []
    for name, data in uploads:
        found, issues = read_upload(name, data)
        articles += found
        problems += issues
    return articles, problems


async def show_cluster(
    request: Request, cluster_id: int, words: int = 100, problems: list[str] | None = None
) -> HTMLResponse:
    store, briefs = request.app.state.store, request.app.state.briefs
    cluster = find_page_cluster(store, cluster_id)
    view, error = None, None
    if cluster.articles:
        try:
            data = json.loads(await briefs.of_cluster(cluster, BriefSettings(words=words), "json"))
            view = await run_in_threadpool(cluster_view, data, cluster.articles)
        except NewsbriefError as problem:
            error = str(problem)
    documents = view.documents if view else document_views(cluster.articles)
    context = {"cluster": cluster, "view": view, "documents": documents, "error": error, "words": words}
    context["visit"] = f"cluster:{cluster.id}"  # the key the page's last-visit marks are kept under
    return page(request, "cluster.html", problems=problems or [], **context)


@pages.get("/docs", response_class=HTMLResponse)
async def docs(request: Request) -> HTMLResponse:
    """The interactive reference of the JSON API (Swagger UI over /openapi.json)."""
    return templates.TemplateResponse(request, "docs.html", {}, headers={"Content-Security-Policy": DOCS_POLICY})


@pages.get("/api/docs")
async def old_docs() -> RedirectResponse:
    return RedirectResponse("/docs", 308)


@pages.get("/favicon.ico")
async def favicon() -> Response:
    """No icon: an empty answer instead of a 404 in every browser console."""
    return Response(status_code=204)


@pages.get("/", response_class=HTMLResponse)
async def home(request: Request, store: StoreDep) -> HTMLResponse:
    recent = await run_in_threadpool(store.clusters, "", 20, 0)
    return page(request, "home.html", clusters=recent, query="")


@pages.get("/clusters", response_class=HTMLResponse)
async def clusters_page(request: Request, store: StoreDep, q: Annotated[str, Query(max_length=200)] = "") -> Response:
    found = await run_in_threadpool(store.clusters, q.strip(), 200, 0)
    return page(request, "clusters.html", clusters=found, query=q)


@pages.post("/clusters")
async def create_from_form(request: Request, store: StoreDep, settings: SettingsDep) -> Response:
    """Create a cluster and go to its page; show the page at once when some inputs were skipped."""
    articles, problems, form = await posted(request)
    if not articles:
        recent = await run_in_threadpool(store.clusters, "", 20, 0)
        message = "Nothing to summarize: paste a text or choose a file."
        return page(request, "home.html", 422, clusters=recent, query="", error=message, problems=problems)
    check_count(settings, len(articles))
    title = form.get("title")
    title = one_line(title)[:500] if isinstance(title, str) else ""
    cluster_id = await run_in_threadpool(store.create_cluster, title or default_title(articles), articles)
    return to_cluster(cluster_id, problems)


@pages.get("/clusters/{cluster_id}", response_class=HTMLResponse)
async def cluster_page(
    request: Request,
    cluster_id: ClusterId,
    words: Annotated[int, Query(ge=WORDS.low, le=WORDS.high)] = 100,
    notice: Annotated[str, Query(max_length=40)] = "",
) -> HTMLResponse:
    return await show_cluster(request, cluster_id, words, notices.take(notice))


@pages.post("/clusters/{cluster_id}/documents")
async def add_from_form(request: Request, cluster_id: ClusterId, store: StoreDep, settings: SettingsDep) -> Response:
    articles, problems, _ = await posted(request)
    cluster = find_page_cluster(store, cluster_id)
    if not articles:
        raise HTTPException(422, "Nothing to add: " + ("; ".join(problems) or "paste a text or choose a file."))
    check_count(settings, len(cluster.articles) + len(articles))
    await run_in_threadpool(store.add_documents, cluster_id, articles)
    return to_cluster(cluster_id, problems)


@pages.get("/clusters/{cluster_id}/documents/{index}/delete", response_class=HTMLResponse)
async def confirm_remove(request: Request, cluster_id: ClusterId, index: DocumentIndex, store: StoreDep) -> Response:
    cluster = find_page_cluster(store, cluster_id)
    if index >= len(cluster.articles):
        raise HTTPException(404, f"Cluster {cluster_id} has no document {index}.")
    later = len(cluster.articles) - index - 1
    return page(
        request,
        "confirm.html",
        heading=f"Remove document {index}",
        question=f"Remove “{document_label(cluster.articles[index], index)}” from “{cluster.title}”?",
        consequence=f"The {later} document{'s' * (later != 1)} after it will move up by one." if later else "",
        action=f"/clusters/{cluster_id}/documents/{index}/delete",
        button=f"Remove document {index}",
        back=f"/clusters/{cluster_id}",
    )


@pages.post("/clusters/{cluster_id}/documents/{index}/delete")
async def remove_from_form(request: Request, cluster_id: ClusterId, index: DocumentIndex, store: StoreDep) -> Response:
    await checked_form(request)
    if not await run_in_threadpool(store.remove_document, cluster_id, index):
        raise HTTPException(404, f"Cluster {cluster_id} has no document {index}.")
    return RedirectResponse(f"/clusters/{cluster_id}", 303)


@pages.get("/clusters/{cluster_id}/delete", response_class=HTMLResponse)
async def confirm_delete(request: Request, cluster_id: ClusterId, store: StoreDep) -> Response:
    cluster = find_page_cluster(store, cluster_id)
    count = len(cluster.articles)
    return page(
        request,
        "confirm.html",
        heading="Delete cluster",
        question=f"Delete “{cluster.title}” and its {count} document{'s' * (count != 1)}?",
        consequence="This cannot be undone.",
        action=f"/clusters/{cluster_id}/delete",
        button="Delete cluster",
        back=f"/clusters/{cluster_id}",
    )


@pages.post("/clusters/{cluster_id}/delete")
async def delete_from_form(request: Request, cluster_id: ClusterId, store: StoreDep) -> Response:
    await checked_form(request)
    if not await run_in_threadpool(store.delete_cluster, cluster_id):
        raise HTTPException(404, f"There is no cluster {cluster_id}.")
    return RedirectResponse("/", 303)


def find_page_cluster(store: Store, cluster_id: int) -> StoredCluster:
    """The cluster, or a 404 page."""
    cluster = store.cluster(cluster_id)
    if cluster is None:
        raise HTTPException(404, f"There is no cluster {cluster_id}.")
    return cluster


def since_date(since: str) -> str | None:
    """``since`` as an ISO date, None when empty (a cleared date field); 422 when it is not a date."""
    if not since.strip():
        return None
    try:
        return date.fromisoformat(since.strip()).isoformat()
    except ValueError:
        raise HTTPException(422, f"since must be a date YYYY-MM-DD; got {since!r}") from None


@pages.get("/stories", response_class=HTMLResponse)
async def stories_page(
    request: Request,
    store: StoreDep,
    since: Annotated[str, Query(max_length=40)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    from newsbrief.stories import list_stories

    day = since_date(since)
    found = await run_in_threadpool(list_stories, store, day, STORIES_SHOWN, q.strip())
    return page(request, "stories.html", stories=found, since=day or "", search=q.strip(), limit=STORIES_SHOWN)


def story_detail(store: Store, story_id: int) -> dict[str, Any] | None:
    """The story's page content: its row, every article in arrival order (copies included, which
    `story_articles` leaves out as they have no text), its outlets, and its brief's view over the articles
    the brief names (found by id, so a brief older than the latest articles still points at the right ones)."""
    from newsbrief.stories import story_articles, story_brief
    from newsbrief.stories.briefs import outlet, story_members

    story = store.stories.story(story_id)
    if story is None:
        return None
    members = store.stories.listing(story_id)
    brief = story_brief(store, story_id)
    view, error = None, None
    if brief is not None:
        by_id = {article.id: article for article in story_articles(store, story_id)}
        used = [by_id.get(document["id"]) for document in brief["documents"]]
        if all(used):
            view = cluster_view(brief, used)
            view = replace(view, analysis_html=story_analysis_html(brief, used))
        else:
            error = "its brief names articles that are no longer stored."
    return {
        "story": story,
        "members": [
            dict(row) | {"link": safe_link(row["url"]), "outlet": outlet(row["source"], row["url"])} for row in members
        ],
        "outlets": len(story_members(store, [story_id])[story_id][1]),
        "view": view,
        "documents": view.documents if view else (),
        "error": error,
    }


def story_analysis_html(brief: dict[str, Any], articles: list[Article]) -> str:
    """The parts of the brief's analysis an editor following a story reads: its timeline and its people,
    organisations and places (the cluster page's renderer, given only those fields)."""
    from newsbrief.render.analysis import analysis_html

    analysis = Analysis.from_dict(brief)
    if analysis is None:  # a brief written before story briefs carried the analysis
        return ""
    return analysis_html(Analysis(timeline=analysis.timeline, entities=analysis.entities), articles)


@pages.get("/stories/{story_id}", response_class=HTMLResponse)
async def story_page(
    request: Request, story_id: ClusterId, store: StoreDep, since: Annotated[str, Query(max_length=40)] = ""
) -> HTMLResponse:
    """The story: its brief (with ``since``, the brief of what its articles dated on or after it add to the
    older ones), its articles, and the brief's sources."""
    detail = await run_in_threadpool(story_detail, store, story_id)
    if detail is None:
        raise HTTPException(404, f"There is no story {story_id}.")
    day = since_date(since)
    if day:
        detail |= await story_update_detail(request, store, story_id, day)
    return page(request, "story.html", since=day or "", visit=f"story:{story_id}", **detail)


async def story_update_detail(request: Request, store: Store, story_id: int, day: str) -> dict[str, Any]:
    """The page's brief replaced by the update brief since ``day`` (computed as every brief is, within the time
    limit), or an error saying that nothing is new."""
    from newsbrief.stories.briefs import articles_since

    new, seen = await run_in_threadpool(articles_since, store, story_id, day)
    if not new:
        return {"view": None, "documents": (), "error": f"no article of this story is dated on or after {day}."}
    data = json.loads(await request.app.state.briefs.transient(new, BriefSettings(), seen))
    view = await run_in_threadpool(cluster_view, data, new)
    view = replace(view, analysis_html=story_analysis_html(data, new))
    return {"view": view, "documents": view.documents, "error": None, "seen_count": len(seen)}
