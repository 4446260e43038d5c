"""Property-based tests of the JSON API from its own OpenAPI spec (schemathesis): no input gives a server error,
and every response matches what the spec documents (status code, content type, body schema)."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from newsbrief.model import Article
from newsbrief.store import Store
from newsbrief.web.app import create_app
from newsbrief.web.runtime import Settings

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

# loopback=False: schemathesis calls the app as "testserver"; the Host check has its own test in test_web_api.py.
FOLDER = tempfile.TemporaryDirectory(prefix="newsbrief-schemathesis-")  # removed when the test session ends
DB = str(Path(FOLDER.name) / "nb.sqlite")
with Store(DB) as store:
    for n in range(3):  # clusters to find, so that not every generated id is a 404
        store.create_cluster(f"Cluster {n}", [Article(text=f"Cluster {n} was made for the tests.")])
app = create_app(Settings(db=DB, max_documents=20, timeout=20, loopback=False))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_follows_its_spec_and_never_fails(case):
    case.call_and_validate(checks=CHECKS)
