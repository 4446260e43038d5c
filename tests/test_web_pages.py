"""The HTML pages and their forms, in process: uploads of every kind, problems shown, search, token and origin."""

import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings

from .conftest import EXAMPLES

STORM = "Storm hits coast\n\nA storm hit the coast on Monday. Thousands of homes lost power overnight, officials said."
OTHER = "Coast storm\n\nThousands of homes lost power overnight after a storm hit the coast on Monday, officials said."


def client_for(tmp_path: Path, **settings) -> TestClient:
    app = create_app(Settings(db=str(tmp_path / "nb.sqlite"), **settings))
    return TestClient(app, base_url="http://127.0.0.1", follow_redirects=False)


@pytest.fixture
def client(tmp_path):
    with client_for(tmp_path) as c:
        yield c


def test_home_page_offers_paste_upload_and_recent_clusters(client):
    home = client.get("/")
    assert home.status_code == 200 and home.headers["content-type"].startswith("text/html")
    assert 'name="text"' in home.text and 'type="file"' in home.text and "multiple" in home.text
    assert 'name="token"' not in home.text


def test_pasted_texts_and_uploaded_files_of_every_kind_make_one_cluster(client):
    html = (EXAMPLES / "01_kellhaven_courier.html").read_bytes()
    as_json = json.dumps([{"title": "JSON one", "text": OTHER}]).encode()
    as_jsonl = (json.dumps({"title": "JSONL one", "text": STORM}) + "\n").encode()
    files = [
        ("files", ("a.txt", STORM.encode(), "text/plain")),
        ("files", ("page.html", html, "text/html")),
        ("files", ("list.json", as_json, "application/json")),
        ("files", ("lines.jsonl", as_jsonl, "application/json")),
    ]
    created = client.post("/clusters", data={"title": "Mixed", "text": [OTHER, "  "]}, files=files)
    assert created.status_code == 303
    cluster_id = int(re.fullmatch(r"/clusters/(\d+)", created.headers["location"]).group(1))
    cluster = client.get(f"/api/clusters/{cluster_id}").json()
    assert cluster["title"] == "Mixed"
    titles = [d["title"] for d in cluster["documents"]]
    assert titles[:2] + titles[3:] == ["Coast storm", "Storm hits coast", "JSON one", "JSONL one"]
    assert "Kellhaven" in cluster["documents"][2]["text"]
    page = client.get(f"/clusters/{cluster_id}")
    assert page.status_code == 200
    assert page.text.count('class="document"') == 5
    assert 'class="chip' in page.text and 'id="dropped"' in page.text


def test_skipped_inputs_are_shown_with_the_cluster_and_a_reload_posts_nothing(client):
    files = [("files", ("notes.pdf", b"%PDF-1.7", "application/pdf"))]
    response = client.post("/clusters", data={"text": STORM}, files=files)
    assert response.status_code == 303 and "?notice=" in response.headers["location"]
    shown = client.get(response.headers["location"])
    assert "notes.pdf: unsupported file type" in shown.text
    assert shown.text.count('class="document"') == 1
    reloaded = client.get(response.headers["location"])  # what a browser's reload asks for
    assert reloaded.status_code == 200 and "notes.pdf" not in reloaded.text
    assert len(client.get("/api/clusters").json()["clusters"]) == 1


def test_nothing_usable_is_422_on_the_home_page(client):
    response = client.post("/clusters", data={"text": ["", "   "]})
    assert response.status_code == 422
    assert "Nothing to summarize" in response.text and 'role="alert"' in response.text


def test_adding_and_removing_documents_through_forms(client):
    cluster_id = int(client.post("/clusters", data={"text": STORM}).headers["location"].rsplit("/", 1)[1])
    assert client.post(f"/clusters/{cluster_id}/documents", data={"text": OTHER}).status_code == 303
    assert len(client.get(f"/api/clusters/{cluster_id}").json()["documents"]) == 2
    assert client.post(f"/clusters/{cluster_id}/documents/0/delete").status_code == 303
    documents = client.get(f"/api/clusters/{cluster_id}").json()["documents"]
    assert [d["title"] for d in documents] == ["Coast storm"]
    assert client.post(f"/clusters/{cluster_id}/documents/5/delete").status_code == 404
    assert client.post(f"/clusters/{cluster_id}/documents", data={"text": ""}).status_code == 422
    assert client.post("/clusters/999/documents", data={"text": OTHER}).status_code == 404


def test_removing_a_document_and_deleting_a_cluster_ask_first(client):
    cluster_id = int(client.post("/clusters", data={"text": STORM}).headers["location"].rsplit("/", 1)[1])
    client.post(f"/clusters/{cluster_id}/documents", data={"text": OTHER})
    page = client.get(f"/clusters/{cluster_id}").text
    assert (
        f'href="/clusters/{cluster_id}/documents/0/delete"' in page and f'href="/clusters/{cluster_id}/delete"' in page
    )
    ask = client.get(f"/clusters/{cluster_id}/documents/0/delete")
    assert ask.status_code == 200 and "Storm hits coast" in ask.text and "1 document after it will move up" in ask.text
    assert len(client.get(f"/api/clusters/{cluster_id}").json()["documents"]) == 2  # asking removes nothing
    assert client.get(f"/clusters/{cluster_id}/documents/7/delete").status_code == 404
    ask = client.get(f"/clusters/{cluster_id}/delete")
    assert "and its 2 documents" in ask.text and "cannot be undone" in ask.text
    assert client.post(f"/clusters/{cluster_id}/delete").headers["location"] == "/"
    assert client.get(f"/clusters/{cluster_id}").status_code == 404
    assert client.post(f"/clusters/{cluster_id}/delete").status_code == 404


def test_cluster_list_searches_titles_and_text(client):
    client.post("/clusters", data={"title": "Harbour fire", "text": STORM})
    client.post("/clusters", data={"title": "Election", "text": "Votes\n\nBallots were counted late on Sunday."})
    assert "Harbour fire" in client.get("/clusters?q=thousands").text
    assert "Election" not in client.get("/clusters?q=thousands").text
    assert "No cluster matches" in client.get("/clusters?q=zebra").text


def test_missing_cluster_page_is_a_404_page(client):
    response = client.get("/clusters/42")
    assert response.status_code == 404 and "There is no cluster 42" in response.text


def test_forms_need_the_token_and_the_same_origin(tmp_path):
    with client_for(tmp_path, token="s3cret") as client:
        assert 'name="token"' in client.get("/").text
        assert client.post("/clusters", data={"text": STORM}).status_code == 401
        assert client.post("/clusters", data={"text": STORM, "token": "wrong"}).status_code == 401
        created = client.post("/clusters", data={"text": STORM, "token": "s3cret"})
        assert created.status_code == 303
        path = created.headers["location"]
        assert client.post(path + "/documents/0/delete").status_code == 401
        evil = {"Origin": "http://evil.example"}
        assert client.post(path + "/documents/0/delete", data={"token": "s3cret"}, headers=evil).status_code == 403
        assert client.post(path + "/documents/0/delete", data={"token": "s3cret"}).status_code == 303
        assert 'name="token"' in client.get(path + "/delete").text
        assert client.post(path + "/delete").status_code == 401
        assert client.post(path + "/delete", data={"token": "s3cret"}, headers=evil).status_code == 403
        assert client.post(path + "/delete", data={"token": "s3cret"}).status_code == 303
