"""Batch benchmark: ``cscomm check`` of a folder of drafts, each figure beside a baseline
timed in the same run.

    .venv/bin/python benchmarks/batch.py [--drafts 300] [--repeat N] [--json [FILE]]

The folder is made at run time in a temporary directory: distinct drafts from
``examples/``, the ``eval-extra*`` sets (with their customer's message quoted below the
reply, as a mail client quotes it) and ``data/answer-pairs``; none is committed. Rows
(see ``benchmarks/README.md``):

- the first result line of the folder's check (``--jobs 1``, ``--jobs 2``) vs a check of
  the folder's first draft alone (target: within 2x);
- ``--jobs 2`` vs ``--jobs 1`` over the whole folder, beside the machine's own 2-process
  control (a pure-Python loop on 1 and 2 processes, interleaved with those runs);
- CPU seconds of all their processes, and the cores they kept busy.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from bench import REPO, SPIN_CHUNKS, Row, Target, cscomm_command, interleave, print_results, spin_parallel

DRAFTS = 300
FIRST_LINE_LIMIT = 2.0
PER_CORE_TARGET = Target(">=", 0.8, on_ratio=True)
PR_SET_CHILD_SUBREAPER = 36
QUOTE_HEADER = "On Mon, 2 Mar 2026 at 09:14, Customer <customer@example.com> wrote:"


@dataclass(frozen=True, slots=True)
class Run:
    """One command: seconds to its first line of output and to its end, CPU seconds of
    all its processes, and how many cores those kept busy."""

    first: float
    wall: float
    cpu: float

    @property
    def cores(self) -> float:
        return self.cpu / self.wall


def quoted(reply: str, customer: str) -> str:
    """``reply`` with the customer's message quoted below it."""
    lines = "\n".join(f"> {line}".rstrip() for line in customer.strip().splitlines())
    return f"{reply.rstrip()}\n\n{QUOTE_HEADER}\n{lines}\n"


def source_drafts() -> list[tuple[str, str]]:
    """(name, text) of every distinct draft to draw from, the flawed refund reply first
    (so the folder's first file has findings to print)."""
    first = REPO / "examples" / "refund-reply.bad.txt"
    drafts = [(first.stem, first.read_text(encoding="utf-8"))]
    drafts += [
        (p.stem, p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "examples").glob("*.txt"))
        if p != first
    ]
    for path in sorted(REPO.glob("benchmarks/eval-extra*/case*/draft.txt")):
        text = path.read_text(encoding="utf-8")
        incoming = path.with_name("incoming.txt")
        if incoming.is_file():
            text = quoted(text, incoming.read_text(encoding="utf-8"))
        drafts.append((f"{path.parent.parent.name}-{path.parent.name}", text))
    for part in sorted((REPO / "data" / "answer-pairs").glob("*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            pair = json.loads(line)
            drafts.append((f"answer-pair-{pair['id']}", quoted(pair["reply"], pair["customer"])))
    return drafts


def make_folder(folder: Path, count: int) -> list[Path]:
    """Write ``count`` distinct drafts into ``folder``; return their paths in order."""
    drafts = source_drafts()
    if count > len(drafts):
        raise SystemExit(f"batch: only {len(drafts)} distinct drafts to draw from, not {count}")
    paths = []
    for i, (name, text) in enumerate(drafts[:count]):
        path = folder / f"{i:03d}-{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def become_subreaper() -> None:
    """Adopt orphaned descendants (Linux), so that the CPU time of a command's helper
    process, which outlives the command by a moment, is counted once it is reaped."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0:
        raise OSError(ctypes.get_errno(), "prctl(PR_SET_CHILD_SUBREAPER)")


def reap_orphans(deadline: float = 10.0) -> None:
    """Wait for the adopted descendants that are still running."""
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            time.sleep(0.01)


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(argv: list[str]) -> Run:
    """Run ``argv``; time its first line of standard output and its end."""
    cpu = children_cpu()
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, cwd=REPO)
    assert proc.stdout is not None
    proc.stdout.readline()
    first = time.perf_counter() - start
    proc.stdout.read()
    code = proc.wait()
    wall = time.perf_counter() - start
    if code not in (0, 1):
        raise RuntimeError(f"{' '.join(argv)} exited {code}")
    reap_orphans()
    return Run(first, wall, children_cpu() - cpu)


def spin(jobs: int) -> Run:
    """The machine's control: :func:`bench.spin_parallel` on ``jobs`` processes."""
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    before = cpu.ru_utime + cpu.ru_stime + children_cpu()
    start = time.perf_counter()
    spin_parallel(jobs)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    return Run(wall, wall, after.ru_utime + after.ru_stime + children_cpu() - before)


def median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


def rows(runs: dict[str, list[Run]], drafts: int) -> list[Row]:
    """The table, from the interleaved runs by name."""
    single = median(runs["single"], "wall")
    limit = Target("<=", FIRST_LINE_LIMIT, on_ratio=True)
    one, two = runs["jobs 1"], runs["jobs 2"]
    rate_one, rate_two = drafts / median(one, "wall"), drafts / median(two, "wall")
    spin_one, spin_two = (SPIN_CHUNKS / median(runs[f"spin {n}"], "wall") for n in (1, 2))
    cpu_one, cpu_two = median(one, "cpu"), median(two, "cpu")
    cores_one, cores_two = median(one, "cores"), median(two, "cores")
    spin_cpu_one, spin_cpu_two = (median(runs[f"spin {n}"], "cpu") for n in (1, 2))
    # Work per CPU-second, 2 processes vs 1: how much of each busy core the second process
    # keeps doing useful work (the owner's measure, since --jobs 1 already keeps >1 core busy).
    per_core = cpu_one / cpu_two
    spin_per_core = spin_cpu_one / spin_cpu_two
    return [
        Row(f"first result line, {drafts} drafts (vs one draft)", median(one, "first"), single, limit, "s"),
        Row("  the same with --jobs 2 (vs one draft)", median(two, "first"), single, limit, "s"),
        Row(f"--jobs 2, {drafts} drafts (vs --jobs 1)", rate_two, rate_one, None, "drafts/s"),
        Row("  machine: pure-Python loop, 2 procs (vs 1)", spin_two, spin_one, None, "chunks/s"),
        Row("  --jobs 2 speed-up (vs the machine's)", rate_two / rate_one, spin_two / spin_one, None),
        Row("  CPU time, all processes, --jobs 2 (vs --jobs 1)", cpu_two, cpu_one, None, "s"),
        Row("  cores busy, --jobs 1 (vs --jobs 2)", cores_one, cores_two, None, "cores"),
        Row("--jobs 2 drafts per CPU-second (vs --jobs 1)", per_core, 1.0, None),
        Row("  machine: chunks per CPU-second, 2 procs (vs 1)", spin_per_core, 1.0, None),
        Row("  per busy core, --jobs 2 (vs the machine's)", per_core, spin_per_core, PER_CORE_TARGET),
    ]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drafts", type=int, default=DRAFTS, help="drafts in the folder (default 300)")
    parser.add_argument("--repeat", type=int, default=3, metavar="N", help="rounds of runs (default 3)")
    parser.add_argument("--json", nargs="?", const="-", metavar="FILE", help="also write the table as JSON")
    args = parser.parse_args(argv)
    become_subreaper()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="cscomm-batch-") as tmp:
        folder = Path(tmp) / "drafts"
        folder.mkdir()
        first = make_folder(folder, args.drafts)[0]
        check = [*cscomm_command(), "check", "--isolated", "--format", "concise"]
        measures = {
            "single": partial(run, [*check, str(first)]),
            "jobs 1": partial(run, [*check, str(folder)]),
            "jobs 2": partial(run, [*check, "--jobs", "2", str(folder)]),
            "spin 1": partial(spin, 1),
            "spin 2": partial(spin, 2),
        }
        measures["single"]()  # untimed: the model's files into the disk cache
        results = interleave(list(measures.values()), args.repeat)
    runs = dict(zip(measures, results, strict=True))
    info = {
        "cpus": os.cpu_count(),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "drafts": args.drafts,
        "repeats": args.repeat,
    }
    print_results(info, rows(runs, args.drafts), args.json)


if __name__ == "__main__":
    main()
