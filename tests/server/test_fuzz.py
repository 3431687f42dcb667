"""Any JSON body to ``POST /v1/check`` is answered 200 or 400, never 500 (hypothesis, a fixed
derandomized budget of :data:`BODIES` examples)."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cscomm.server.checker import REQUEST_CONFIG_KEYS
from cscomm.server.request_body import REQUEST_FIELDS

from .conftest import Client

BODIES = 150
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
configs = st.dictionaries(st.sampled_from([*REQUEST_CONFIG_KEYS, "backend", "rules"]), values, max_size=3)
fields = {
    "draft": st.text(max_size=200) | values,
    "message": st.sampled_from(
        ["From: a@b.example\n\nHi Sam,\n", "Content-Type: text/plain; charset=rot13\n\nHi"]
    )
    | values,
    "customer_message": st.text(max_size=80) | values,
    "kind": st.sampled_from(["email", "letter", "memo"]) | values,
    "config": configs | values,
    "path": st.sampled_from(["reply.txt", "macro.md", "page.html", "m.eml"]) | values,
    "fix": st.sampled_from(["safe", "unsafe"]) | values,
}
bodies = st.fixed_dictionaries({}, optional={**fields, "extra": values}) | values


@settings(
    max_examples=BODIES,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(body=bodies)
def test_any_body_is_answered_200_or_400(client: Client, body: Any) -> None:
    reply = client.post("/v1/check", json.dumps(body).encode())
    assert reply.status in (200, 400), (reply.status, reply.body)
    answer = reply.json()
    if reply.status == 400:
        assert set(answer) == {"error"} and "\n" not in answer["error"]["message"]
    else:
        assert set(REQUEST_FIELDS) >= set(body) and len(answer["files"]) == 1
