"""The JSON API, in process through TestClient over a real SQLite file: every route and its errors."""

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings

from .conftest import EXAMPLES

STORM = [
    {"title": "Storm hits coast", "text": "A storm hit the coast on Monday. Thousands of homes lost power overnight."},
    {"title": "Coast storm", "text": "Thousands of homes lost power overnight after a storm hit the coast on Monday."},
    "Power cut\nThe utility said thousands of homes lost power. Crews will work through the night.",
]


def client_for(tmp_path: Path, **settings) -> TestClient:
    return TestClient(create_app(Settings(db=str(tmp_path / "nb.sqlite"), **settings)), base_url="http://127.0.0.1")


@pytest.fixture
def client(tmp_path):
    with client_for(tmp_path) as c:
        yield c


def assert_error(response, status: int, words: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert body["status"] == status
    assert words.lower() in body["error"].lower(), body["error"]


def example_documents() -> list[dict]:
    return [{"title": p.stem, "text": p.read_text()} for p in sorted(EXAMPLES.glob("*.txt"))]


def test_post_briefs_returns_sourced_sentences_and_stores_nothing(client):
    documents = example_documents()
    response = client.post("/api/briefs?words=80", json={"id": "example", "documents": documents})
    assert response.status_code == 200
    brief = response.json()
    assert brief["config"]["words"] == 80
    assert 0 < sum(len(s["text"].split()) for s in brief["sentences"]) <= 80
    for s in brief["sentences"]:
        source_text = documents[s["doc"]]["text"][s["start"] : s["end"]]
        assert " ".join(source_text.split()) == s["text"]
        assert s["doc"] in s["sources"]
    assert client.get("/api/clusters").json() == {"clusters": []}


def test_post_briefs_accepts_plain_strings_and_reports_bad_settings(client):
    assert client.post("/api/briefs", json={"documents": [STORM[2]]}).status_code == 200
    nulls = {"text": STORM[0]["text"], "title": None, "source": None, "url": None, "author": None, "date": None}
    read = client.post("/api/briefs", json={"documents": [nulls | {"doc_id": "APW1"}]})  # as the CLI reads them
    assert read.status_code == 200 and read.json()["documents"][0]["id"] == "APW1"
    titled = client.post("/api/briefs", json={"documents": [STORM[2]]}).json()["documents"][0]
    assert titled["title"] == "Power cut"  # the CLI's rule: the first line of a plain text is its title
    assert_error(client.post("/api/briefs?method=nope", json={"documents": STORM}), 422, "method")
    assert_error(client.post("/api/briefs?words=5", json={"documents": STORM}), 422, "words")
    assert_error(client.post("/api/briefs", json={"documents": []}), 422, "no documents")
    assert_error(client.post("/api/briefs", json={"documents": [{"text": "   "}]}), 422, "no text")
    assert_error(client.post("/api/briefs", json={"documents": [{"text": "x", "date": "soon"}]}), 422, "date")
    assert_error(client.post("/api/briefs", json={"nothing": 1}), 422, "documents")
    bad_json = client.post("/api/briefs", content=b"{not json", headers={"content-type": "application/json"})
    assert_error(bad_json, 422, "invalid request")


def test_cluster_lifecycle_and_brief_cache(client):
    created = client.post("/api/clusters", json={"documents": STORM[:2]})
    assert created.status_code == 201
    cluster = created.json()
    assert cluster["title"] == "Storm hits coast" and cluster["documents"] == 2
    cid = cluster["id"]

    first = client.get(f"/api/clusters/{cid}/brief")
    assert first.status_code == 200 and first.headers["content-type"].startswith("application/json")
    assert client.get(f"/api/clusters/{cid}/brief").text == first.text
    store = client.app.state.store
    assert store.query("SELECT COUNT(DISTINCT key) FROM briefs")[0][0] == 1

    added = client.post(f"/api/clusters/{cid}/documents", json={"documents": [STORM[2]]})
    assert added.status_code == 201
    assert [d["index"] for d in added.json()["documents"]] == [0, 1, 2]
    after_add = client.get(f"/api/clusters/{cid}/brief").json()
    assert len(after_add["documents"]) == 3
    assert store.query("SELECT COUNT(DISTINCT key) FROM briefs")[0][0] == 2

    removed = client.delete(f"/api/clusters/{cid}/documents/0")
    assert removed.status_code == 200
    assert [d["title"] for d in removed.json()["documents"]] == ["Coast storm", "Power cut"]
    assert [d["title"] for d in client.get(f"/api/clusters/{cid}/brief").json()["documents"]] == [
        "Coast storm",
        "Power cut",
    ]

    one = client.post(f"/api/clusters/{cid}/documents", json={"title": "Alone", "text": "A storm hit the coast."})
    assert one.status_code == 201 and one.json()["documents"][-1]["title"] == "Alone"  # one object, no list
    assert client.delete(f"/api/clusters/{cid}").status_code == 204
    assert_error(client.get(f"/api/clusters/{cid}"), 404, "no cluster")
    assert_error(client.delete(f"/api/clusters/{cid}"), 404, "no cluster")


def test_brief_formats_and_exports_titled_with_the_cluster(client):
    cid = client.post("/api/clusters", json={"title": "Storm <b>warning</b>", "documents": STORM}).json()["id"]
    markdown = client.get(f"/api/clusters/{cid}/brief?format=markdown")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert markdown.text.startswith("# Storm \\<b\\>warning\\</b\\>\n")
    html = client.get(f"/api/clusters/{cid}/brief?format=html")
    assert html.headers["content-type"].startswith("text/html") and "<html" in html.text
    assert "<title>Storm &lt;b&gt;warning&lt;/b&gt;</title>" in html.text
    twin = client.post("/api/clusters", json={"title": "Twin", "documents": STORM}).json()["id"]
    assert client.get(f"/api/clusters/{twin}/brief?format=markdown").text.startswith("# Twin\n")  # not a cached twin
    assert "script-src" not in html.headers["content-security-policy"]
    assert json.loads(client.get(f"/api/clusters/{cid}/brief?format=json").text)["sentences"]
    assert_error(client.get(f"/api/clusters/{cid}/brief?format=pdf"), 422, "format")


def test_list_and_search(client):
    storm = client.post("/api/clusters", json={"documents": STORM}).json()["id"]
    vote = client.post("/api/clusters", json={"title": "Vote", "documents": ["Ballots were counted late."]}).json()
    assert [c["id"] for c in client.get("/api/clusters").json()["clusters"]] == [vote["id"], storm]
    assert [c["id"] for c in client.get("/api/clusters?q=utility").json()["clusters"]] == [storm]
    assert [c["id"] for c in client.get("/api/clusters?q=VOTE").json()["clusters"]] == [vote["id"]]
    assert client.get("/api/clusters?q=nowhere").json() == {"clusters": []}
    assert len(client.get("/api/clusters?limit=1").json()["clusters"]) == 1
    assert_error(client.get("/api/clusters?limit=0"), 422, "limit")


def test_missing_things_are_404(client):
    cid = client.post("/api/clusters", json={"documents": STORM[:1]}).json()["id"]
    assert_error(client.get("/api/clusters/999"), 404, "no cluster 999")
    assert_error(client.get("/api/clusters/999/brief"), 404, "no cluster 999")
    assert_error(client.post("/api/clusters/999/documents", json={"documents": ["x y"]}), 404, "no cluster")
    assert_error(client.delete(f"/api/clusters/{cid}/documents/5"), 404, "no document 5")
    assert_error(client.delete("/api/clusters/999/documents/0"), 404, "no cluster")
    assert_error(client.get("/api/clusters/abc"), 422, "cluster_id")
    assert_error(client.get("/api/nothing"), 404, "not found")


def test_a_cluster_with_no_documents_has_no_brief(client):
    cid = client.post("/api/clusters", json={"documents": STORM[:1]}).json()["id"]
    assert client.delete(f"/api/clusters/{cid}/documents/0").status_code == 200
    assert_error(client.get(f"/api/clusters/{cid}/brief"), 409, "no documents")


def test_limits(tmp_path):
    with client_for(tmp_path, max_body=4000, max_documents=3) as client:
        assert_error(client.post("/api/briefs", json={"documents": ["a b c"] * 4}), 413, "limit of 3")
        cid = client.post("/api/clusters", json={"documents": ["a b c"] * 3}).json()["id"]
        assert_error(client.post(f"/api/clusters/{cid}/documents", json={"documents": ["d e"]}), 413, "limit")
        big = {"documents": ["word " * 1000]}
        assert_error(client.post("/api/briefs", json=big), 413, "body")

        def chunks():  # no Content-Length: the limit applies while the body streams in
            yield b'{"documents": ["'
            for _ in range(10):
                yield b"word " * 100
            yield b'"]}'

        streamed = client.post("/api/briefs", content=chunks(), headers={"content-type": "application/json"})
        assert_error(streamed, 413, "body")


def test_time_limit_gives_504(tmp_path):
    with client_for(tmp_path, timeout=0.001) as client:
        documents = example_documents()
        assert_error(client.post("/api/briefs", json={"documents": documents}), 504, "time limit")


def test_token_is_required_on_writes_only(tmp_path):
    with client_for(tmp_path, token="s3cret") as client:
        assert_error(client.post("/api/clusters", json={"documents": STORM}), 401, "bearer token")
        wrong = client.post("/api/clusters", json={"documents": STORM}, headers={"Authorization": "Bearer nope"})
        assert_error(wrong, 401, "wrong")
        assert wrong.headers["www-authenticate"] == "Bearer"
        good = {"Authorization": "Bearer s3cret"}
        cid = client.post("/api/clusters", json={"documents": STORM}, headers=good).json()["id"]
        assert_error(client.delete(f"/api/clusters/{cid}/documents/0"), 401, "token")
        assert_error(client.post("/api/briefs", json={"documents": STORM}), 401, "token")
        assert client.get(f"/api/clusters/{cid}").status_code == 200
        assert client.delete(f"/api/clusters/{cid}/documents/0", headers=good).status_code == 200


def test_cross_origin_writes_and_foreign_hosts_are_refused(client):
    evil = {"Origin": "http://evil.example"}
    assert_error(client.post("/api/clusters", json={"documents": STORM}, headers=evil), 403, "another origin")
    same = {"Origin": "http://127.0.0.1"}
    assert client.post("/api/clusters", json={"documents": STORM}, headers=same).status_code == 201
    assert_error(client.get("/api/clusters", headers={"Host": "attacker.example"}), 400, "host")


def test_openapi_lists_every_route_and_pages_send_a_strict_policy(client):
    spec = client.get("/openapi.json").json()
    assert set(spec["paths"]) == {
        "/api/briefs",
        "/api/clusters",
        "/api/clusters/{cluster_id}",
        "/api/clusters/{cluster_id}/documents",
        "/api/clusters/{cluster_id}/documents/{index}",
        "/api/clusters/{cluster_id}/brief",
        "/api/stories",
        "/api/stories/{story_id}",
    }
    home = client.get("/")
    assert home.status_code == 200
    assert "script-src 'self'" in home.headers["content-security-policy"]
    assert home.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("analysis", [True, False])
def test_the_documented_brief_schema_is_exactly_what_briefs_hold(analysis):
    """The OpenAPI schema of the brief routes (`BriefOut`) accepts every real brief and forbids unknown fields."""
    from newsbrief import summarize
    from newsbrief.web.schema import BriefOut

    from .conftest import load_clusters

    clusters = [[{"title": p.stem, "text": p.read_text()} for p in sorted(EXAMPLES.glob("*.txt"))]]
    clusters += [c["documents"] for c in load_clusters("duc2003-task2/duc2003_task2.jsonl", limit=3)]
    for documents in clusters:
        brief = json.loads(json.dumps(summarize(documents, analysis=analysis).to_dict()))
        checked = BriefOut.model_validate(brief)
        assert checked.model_dump(by_alias=True, exclude_unset=True) == brief
