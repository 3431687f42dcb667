"""Benchmark ``cscomm audit``: replies/s and peak RSS per worker on a synthetic history.

The history is dealt deterministically (seed 0) from the labelled cases of
``benchmarks/eval-extra*`` and, when present, ``../shared/eval/dev`` (never the
real-world set) as a JSONL ticket export with internal notes. Each configuration runs in
a fresh process, timed from the audit's start (linter and model load included) to its
summary; the cluster of the Dask run is started before the clock (as a running cluster
would be), its workers' linters load inside the timed run. Meanwhile this process samples
the peak RSS (``VmHWM``) of every process of that run; a worker is a process that scores
replies: the audit process for ``--jobs 1``, its forked workers for ``--jobs 2``, the
Dask worker processes for Dask.

    python benchmarks/audit.py                     # 1,000 and 10,000 replies (about 25 minutes on 2 cores)
    python benchmarks/audit.py --sizes 300 --json out.json

The control is ``bench.spin_parallel``: fixed pure-Python work on 1 and 2 forked
processes, the speed-up this machine gives two processes that share nothing, measured
just before each run (other jobs on the machine change it). Each run also reports the
CPU seconds of all its processes (their ``RUSAGE_CHILDREN``), and so replies per
CPU-second, which other jobs on the machine change much less than replies/s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASE_SETS = [*sorted(HERE.glob("eval-extra*")), HERE.parent.parent / "shared" / "eval" / "dev"]
MODES = ("jobs1", "jobs2", "dask2")
SAMPLE_SECONDS = 0.25


def make_history(path: Path, replies: int) -> None:
    from cscomm.audit.synthetic import history, load_cases, write_tickets

    cases = load_cases([folder for folder in CASE_SETS if folder.is_dir()])
    write_tickets(path, history(cases, replies, seed=0, agents=40, macros=20, weeks=26))


def run_one(mode: str, export: Path, out: Path, report: Path) -> None:
    """In a fresh process: one audit, then its timing and worker pids written to ``report``."""
    from cscomm.audit import run_audit

    client = None
    workers: list[int] = []
    if mode == "dask2":
        import dask.config
        from distributed import Client, LocalCluster

        from cscomm.audit.dask_engine import WORKER_CONFIG

        with dask.config.set(WORKER_CONFIG):  # as `--dask local:2` starts its cluster
            cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
        workers = sorted(client.run(os.getpid).values())
    report.write_text(json.dumps({"workers": workers}))  # the sampler reads the Dask pids early
    start = time.perf_counter()
    outcome = run_audit(
        [export], out, jobs=2 if mode == "jobs2" else 1, client=client, html=False, restart=True
    )
    seconds = time.perf_counter() - start
    report.write_text(json.dumps({"workers": workers, "seconds": seconds, "replies": outcome.scored}))
    if client is not None:
        client.close()
        cluster.close()


def measure(mode: str, export: Path, folder: Path) -> dict[str, Any]:
    """Run ``mode`` in a child process and sample its process tree's peak RSS."""
    import psutil

    report = folder / f"{mode}.json"
    report.unlink(missing_ok=True)
    control = spin_control()  # what two processes got from the machine just before
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    argv = [sys.executable, __file__, "--one", mode, str(export), str(folder / f"out-{mode}"), str(report)]
    child = subprocess.Popen(argv, stderr=subprocess.DEVNULL)
    root = psutil.Process(child.pid)
    peaks: dict[int, int] = {}
    parents: dict[int, tuple[int, float]] = {}
    while child.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            break
        for process in tree:
            peak = _vm_hwm_kib(process.pid)
            if peak:
                peaks[process.pid] = max(peaks.get(process.pid, 0), peak)
                parents.setdefault(process.pid, _origin(process))
        time.sleep(SAMPLE_SECONDS)
    if child.returncode != 0:
        raise SystemExit(f"{mode}: the audit failed (exit {child.returncode})")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    result = json.loads(report.read_text())
    if mode == "jobs1":
        workers = [child.pid]
    elif mode == "jobs2":  # the pool's forked workers; not the idle grammar helper started first
        forked = sorted((created, pid) for pid, (parent, created) in parents.items() if parent == child.pid)
        workers = [pid for _, pid in forked[1:]]
    else:
        workers = result["workers"]
    worker_peaks = [peaks[pid] / 1024 for pid in workers if pid in peaks]
    return {
        "mode": mode,
        "replies": result["replies"],
        "seconds": round(result["seconds"], 1),
        "replies_per_s": round(result["replies"] / result["seconds"], 2),
        "peak_rss_mb_per_worker": round(max(worker_peaks), 1) if worker_peaks else None,
        "workers_sampled": len(worker_peaks),
        "cpu_seconds": round(cpu, 1),
        "replies_per_cpu_s": round(result["replies"] / cpu, 2),
        "machine_speedup_2": control["speedup"],
    }


def _vm_hwm_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return 0
    return 0


def _origin(process: Any) -> tuple[int, float]:
    """The parent's pid and the creation time of ``process``."""
    try:
        return int(process.ppid()), float(process.create_time())
    except Exception:
        return 0, 0.0


def spin_control() -> dict[str, float]:
    """Seconds of the fixed spin work on 1 and on 2 processes, and the speed-up."""
    sys.path.insert(0, str(HERE))
    from bench import spin_parallel

    times = {}
    for jobs in (1, 2):
        start = time.perf_counter()
        spin_parallel(jobs)
        times[jobs] = time.perf_counter() - start
    return {
        "spin_1_s": round(times[1], 2),
        "spin_2_s": round(times[2], 2),
        "speedup": round(times[1] / times[2], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000", help="history sizes, comma-separated")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--one", nargs=4, metavar=("MODE", "EXPORT", "OUT", "REPORT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        mode, export, out, report = args.one
        run_one(mode, Path(export), Path(out), Path(report))
        return
    results: dict[str, Any] = {"cpus": os.cpu_count(), "runs": []}
    with tempfile.TemporaryDirectory(prefix="cscomm-audit-bench-") as tmp:
        folder = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            export = folder / f"history-{size}.jsonl"
            make_history(export, size)
            for mode in args.modes.split(","):
                run = measure(mode, export, folder)
                results["runs"].append(run)
                print(json.dumps(run), flush=True)
    by = {(r["mode"], r["replies"]): r for r in results["runs"]}
    for size in sorted({r["replies"] for r in results["runs"]}):
        if ("dask2", size) in by and ("jobs2", size) in by:
            ratio = by["dask2", size]["replies_per_s"] / by["jobs2", size]["replies_per_s"]
            print(f"{size} replies: Dask(2) at {ratio:.0%} of --jobs 2", flush=True)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
