"""Schemathesis against the OpenAPI schema: every documented operation, fed generated requests,
answers as its schema says (status codes, content types, bodies), with a valid analyst token so the
write operations run too."""

from __future__ import annotations

import warnings

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from strikewatch.web.app import Settings, create_app
from strikewatch.web.users import add_user, create_token

warnings.filterwarnings("ignore", message=".*httpx2.*")


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    from test_api_store import build_store

    store = build_store(tmp_path_factory.mktemp("schema"))
    user = add_user(store.engine, "ana", "analyst-pass", "analyst")
    app = create_app(store, Settings(secret_key=b"s" * 32))
    app.state.test_token = create_token(store.engine, user)
    return schemathesis.openapi.from_asgi("/api/openapi.json", app)


# schemathesis.pytest.from_fixture breaks on pytest 9 (it reads `Function._nodeid`), so each
# operation's Hypothesis strategy is run here directly: the same generation and checks, one test.
def test_api_answers_as_its_schema_says(api):
    token = api.app.state.test_token
    operations = [result.ok() for result in api.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            query = case.query or {}
            if str(query.get("date_from") or "") > str(query.get("date_to") or "~"):
                # A range that ends before it starts is refused (422), a rule between two
                # parameters that OpenAPI cannot state, so schemathesis counts it as valid input.
                response = case.call(headers={"Authorization": f"Bearer {token}"})
                assert response.status_code == 422 and "before it starts" in response.text
                return
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"})

        check()
