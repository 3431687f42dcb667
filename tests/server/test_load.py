"""A burst: 50 clients send 20 checks each at once, and none is lost (with a listen backlog
of 5, 0.5-1% of such connections were reset)."""

from __future__ import annotations

import http.client
import json
import threading
import time

from .conftest import Client

CLIENTS = 50
REQUESTS = 20
BOUND = 90.0
"""Seconds the whole burst may take (about 12 on this machine: the checks take turns)."""


def test_fifty_clients_times_twenty_requests_lose_nothing(client: Client) -> None:
    outcomes: dict[str, object] = {}
    lock = threading.Lock()

    def send(number: int) -> None:
        for request in range(REQUESTS):
            path = f"client{number}/reply{request}.txt"
            draft = f"Hi Sam,\n\nThanks for order {number}-{request}. It ships on Friday.\n\nBest,\nAna\n"
            try:
                conn = http.client.HTTPConnection(client.host, client.port, timeout=BOUND)
                conn.request(
                    "POST",
                    "/v1/check",
                    json.dumps({"draft": draft, "path": path}),
                    {"Content-Type": "application/json"},
                )
                response = conn.getresponse()
                body = response.read()
                conn.close()
                outcome: object = (response.status, json.loads(body)["files"][0]["path"])
            except Exception as exc:  # a lost request: counted, not raised in the thread
                outcome = repr(exc)
            with lock:
                outcomes[path] = outcome

    started = time.monotonic()
    threads = [threading.Thread(target=send, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, BOUND - (time.monotonic() - started)))
    assert not any(thread.is_alive() for thread in threads), f"the burst took over {BOUND:g} s"
    lost = {path: outcome for path, outcome in outcomes.items() if outcome != (200, path)}
    assert len(outcomes) == CLIENTS * REQUESTS and not lost
