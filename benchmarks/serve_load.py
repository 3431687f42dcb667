"""``cscomm serve`` under load: a burst of concurrent clients, then memory over a long run.

    .venv/bin/python benchmarks/serve_load.py [--clients 50] [--requests 20]
        [--checkpoints 300,3000] [--json]

``cscomm serve --port 0`` runs as its own process (its API token in a temporary
``XDG_CONFIG_HOME``). First a burst: ``--clients`` threads each send ``--requests``
checks at once, each on a new connection; a request is lost when it gets no answer or one
other than 200. Then a long run: distinct drafts (the labelled drafts of
``benchmarks/eval-*``, each with its own name, order number and made-up word, so that no
two are alike and the parser keeps meeting new words) are sent by four clients, and the
server's resident memory (and its grammar helper's) is read from ``/proc`` at each
checkpoint. The target: the RSS at the last checkpoint within 10% of that at the first.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent
LISTENING = re.compile(r"listening on http://([\d.]+):(\d+)")
NAMES = ["Sam", "Ana", "Ravi", "Mei", "Tomás", "Olu", "Priya", "Jonas", "Aiko", "Leila"]


@contextmanager
def serving() -> Iterator[tuple[str, int, int]]:
    """``cscomm serve`` in its own process: (host, port, pid)."""
    with tempfile.TemporaryDirectory() as config_home:
        env = {**os.environ, "XDG_CONFIG_HOME": config_home}
        command = [sys.executable, "-m", "cscomm", "serve", "--port", "0"]
        process = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
        try:
            assert process.stderr is not None
            for line in process.stderr:
                if match := LISTENING.search(line):
                    break
            else:
                raise SystemExit("cscomm serve did not start")
            threading.Thread(target=process.stderr.read, daemon=True).start()
            yield match.group(1), int(match.group(2)), process.pid
        finally:
            process.terminate()
            process.wait(timeout=30)


def post(host: str, port: int, draft: str) -> tuple[int, float]:
    """One check on a new connection: (status, seconds); status 0 when no answer came."""
    started = time.perf_counter()
    try:
        conn = http.client.HTTPConnection(host, port, timeout=120)
        conn.request("POST", "/v1/check", json.dumps({"draft": draft}), {"Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        conn.close()
        status = response.status
    except OSError:
        status = 0
    return status, time.perf_counter() - started


def burst(host: str, port: int, clients: int, requests: int) -> dict[str, float]:
    """``clients`` threads sending ``requests`` checks each, all at once."""
    results: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(number: int) -> None:
        for request in range(requests):
            draft = f"Hi Sam,\n\nThanks for order {number}-{request}. It ships on Friday.\n\nBest,\nAna\n"
            result = post(host, port, draft)
            with lock:
                results.append(result)

    started = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = sorted(s for _, s in results)
    return {
        "sent": len(results),
        "lost": sum(status != 200 for status, _ in results),
        "seconds": time.perf_counter() - started,
        "p50_ms": 1000 * statistics.median(seconds),
        "p95_ms": 1000 * seconds[int(0.95 * (len(seconds) - 1))],
        "max_ms": 1000 * seconds[-1],
    }


def distinct_drafts() -> Iterator[str]:
    """The labelled drafts (in five languages, shuffled) over and over, each time with a new
    name, order and word."""
    drafts = sorted(p.read_text(encoding="utf-8") for p in ROOT.glob("eval-*/*/draft.txt"))
    rng = random.Random(19)
    rng.shuffle(drafts)
    number = 0
    while True:
        for draft in drafts:
            number += 1
            word = "".join(rng.choice("bcdfghjklmnprstvz") + rng.choice("aeiou") for _ in range(4))
            name = rng.choice(NAMES)
            yield f"{draft}\n\nP.S. {name}, your order {number:06d} of {word} is noted.\n"


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` in MB, from ``/proc``."""
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024  # type: ignore[union-attr]


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in found]


def long_run(
    host: str, port: int, pid: int, checkpoints: list[int], report: Callable[[dict[str, float]], None]
) -> None:
    """Send distinct drafts on four clients; report the memory at each checkpoint."""
    drafts = distinct_drafts()
    sent = 0
    started = time.perf_counter()
    with ThreadPoolExecutor(4) as pool:
        for checkpoint in checkpoints:
            batch = [next(drafts) for _ in range(checkpoint - sent)]
            statuses = [status for status, _ in pool.map(lambda d: post(host, port, d), batch)]
            sent = checkpoint
            helpers = sum(rss_mb(child) for child in children(pid))
            report(
                {
                    "requests": sent,
                    "failed": sum(status != 200 for status in statuses),
                    "rss_mb": rss_mb(pid),
                    "helper_rss_mb": helpers,
                    "seconds": time.perf_counter() - started,
                }
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--checkpoints", default="300,3000")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    options = parser.parse_args()
    rows: list[dict[str, float]] = []
    with serving() as (host, port, pid):
        row = burst(host, port, options.clients, options.requests)
        rows.append(row)
        print(
            f"burst {options.clients} clients x {options.requests}: "
            f"{row['lost']:.0f} of {row['sent']:.0f} lost; "
            f"{row['seconds']:.1f} s; latency p50 {row['p50_ms']:.0f} ms, p95 {row['p95_ms']:.0f} ms, "
            f"max {row['max_ms']:.0f} ms",
            flush=True,
        )

        def report(row: dict[str, float]) -> None:
            rows.append(row)
            print(
                f"after {row['requests']:>6,.0f} distinct requests ({row['failed']:.0f} failed, "
                f"{row['seconds']:.0f} s): RSS {row['rss_mb']:.0f} MB, helper {row['helper_rss_mb']:.0f} MB",
                flush=True,
            )

        checkpoints = [int(c) for c in options.checkpoints.split(",")]
        long_run(host, port, pid, checkpoints, report)
    first, last = rows[1]["rss_mb"], rows[-1]["rss_mb"]
    print(f"RSS at the last checkpoint over the first: {last / first:.3f} (target at most 1.10)")
    if options.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
