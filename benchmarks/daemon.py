"""The warm daemon beside the cold path, in the same run.

    .venv/bin/python benchmarks/daemon.py                 # 40 warm and 8 cold sendmail calls
    .venv/bin/python benchmarks/daemon.py --runs 100 --json out.json

Measures, end to end (process start to exit, as a mail client sees it):

- ``cscomm sendmail --sendmail /bin/true`` of a 150-word reply: with the daemon warm,
  and cold (``CSCOMM_DAEMON=off``), interleaved; p50 and p95 of each.
- an 8-patch ``git send-email --dry-run`` series with cscomm's ``sendemail-validate``
  hook: the whole command, warm and cold, interleaved (without ``git send-email``, the
  hook is run on each patch as git runs it, and the report says so).
- which modules the client imports when the daemon answers (``-X importtime``): spaCy
  and the engine must not be among them.

Targets (issue 20): warm sendmail p50 <= 100 ms and p95 <= 250 ms; the 8-patch
validation <= 2 s in total. The daemon runs in a runtime folder of this run's own and is
stopped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CSCOMM = [sys.executable, "-m", "cscomm"]
REPLY = (
    "From: Ana Cruz <ana@shop.example>\nTo: Sam Lee <sam@example.com>\nSubject: Your refund\n\n"
    "Hi Sam,\n\nThank you for getting in touch, and I am sorry the parcel arrived damaged. I have "
    "checked your order AB-1234 and issued a full refund of £42.50 to the card you paid with. "
    "It will reach your account within three to five working days, depending on your bank.\n\n"
    "You do not need to send the damaged lamp back. If you would like a replacement instead, "
    "just reply to this email and I will send one out on our next-day service at no cost to you.\n\n"
    "If anything else comes up, just reply to this email and we will help.\n\nKind regards,\nAna\n"
    "Customer Care\n\nOn Mon, 9 Mar 2026, Sam <sam@example.com> wrote:\n> The lamp I ordered arrived "
    "broken. Can I get my money back?\n"
).encode()
COMMIT = (
    "Show the refund rule on page {n}\n\nCustomers who open page {n} can now read the refund rule "
    "next to the\norder total, so they know what to keep before they ask for a refund.\n"
)


def timed(argv: list[str], env: dict[str, str], cwd: Path, stdin: bytes = b"") -> tuple[float, int]:
    """Wall seconds and exit status of one command."""
    start = time.perf_counter()
    done = subprocess.run(argv, input=stdin, cwd=cwd, env=env, capture_output=True, check=False)
    return time.perf_counter() - start, done.returncode


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def git_series(folder: Path, env: dict[str, str]) -> tuple[list[str], list[str]]:
    """A repository with 8 commits as patch files and cscomm's hook; the command that
    validates them."""
    git = ["git", "-C", str(folder)]
    subprocess.run([*git, "init", "-q", "."], check=True, env=env)
    for n in range(1, 9):
        (folder / "notes.txt").write_text("".join(f"line {i}\n" for i in range(n)))
        subprocess.run([*git, "add", "notes.txt"], check=True, env=env)
        subprocess.run([*git, "commit", "-qm", COMMIT.format(n=n)], check=True, env=env)
    subprocess.run([*git, "format-patch", "-q", "-8", "-o", "out"], check=True, env=env)
    subprocess.run(
        [*CSCOMM, "hook", "install", "git-sendemail"], cwd=folder, check=True, env=env, capture_output=True
    )
    patches = sorted(str(p) for p in (folder / "out").glob("*.patch"))
    if shutil.which("git-send-email") or _has_send_email(env):
        send = [*git, "send-email", "--dry-run", "--confirm=never", "--suppress-cc=all"]
        return [*send, "--to", "sam@example.com", "--smtp-server=/bin/true", *patches], []
    return [], patches


def _has_send_email(env: dict[str, str]) -> bool:
    done = subprocess.run(["git", "send-email", "-h"], capture_output=True, env=env, check=False)
    return b"not a git command" not in done.stderr


def validate(command: list[str], patches: list[str], folder: Path, env: dict[str, str]) -> tuple[float, int]:
    """git send-email's validation, or the hook run on each patch as git would."""
    if command:
        return timed(command, env, folder)
    hook = str(folder / ".git" / "hooks" / "sendemail-validate")
    start, status = time.perf_counter(), 0
    for patch in patches:
        status |= timed([hook, patch], env, folder)[1]
    return time.perf_counter() - start, status


def client_imports(env: dict[str, str], cwd: Path) -> list[str]:
    """Modules a daemon-served ``cscomm sendmail`` imports."""
    done = subprocess.run(
        [*CSCOMM, "sendmail", "--sendmail", "/bin/true"],
        input=REPLY,
        cwd=cwd,
        env={**env, "PYTHONPROFILEIMPORTTIME": "1"},
        capture_output=True,
        check=False,
    )
    lines = done.stderr.decode().splitlines()
    return [line.rsplit("|", 1)[-1].strip() for line in lines if line.startswith("import time:")]


def summary(values: list[float]) -> dict[str, float]:
    return {
        "runs": len(values),
        "p50_ms": round(1000 * statistics.median(values), 1),
        "p95_ms": round(1000 * percentile(values, 0.95), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=40, help="warm sendmail calls")
    parser.add_argument("--cold-runs", type=int, default=8, help="cold sendmail calls")
    parser.add_argument("--series", type=int, default=3, help="8-patch validations, warm and cold each")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()

    base = Path(tempfile.mkdtemp(prefix="csbench-", dir="/tmp"))
    (base / "run").mkdir(mode=0o700)
    (base / "repo").mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith("CSCOMM_") and k != "CI"}
    env |= {"XDG_RUNTIME_DIR": str(base / "run"), "XDG_STATE_HOME": str(base / "state")}
    env |= {"GIT_AUTHOR_NAME": "Ana Cruz", "GIT_AUTHOR_EMAIL": "ana@example.com"}
    env |= {"GIT_COMMITTER_NAME": "Ana Cruz", "GIT_COMMITTER_EMAIL": "ana@example.com", "HOME": str(base)}
    warm, cold = {**env, "CSCOMM_DAEMON": "auto"}, {**env, "CSCOMM_DAEMON": "off"}
    load_before = os.getloadavg()
    sendmail = [*CSCOMM, "sendmail", "--sendmail", "/bin/true", "--", "sam@example.com"]
    try:
        subprocess.run([*CSCOMM, "daemon", "start"], env=warm, cwd=base, check=True, capture_output=True)
        for _ in range(3):  # the first checks of a daemon pay for lazy imports
            timed(sendmail, warm, base, REPLY)
        command, patches = git_series(base / "repo", warm)
        validate(command, patches, base / "repo", warm)

        warm_times: list[float] = []
        cold_times: list[float] = []
        statuses: set[int] = set()
        every = max(1, args.runs // max(1, args.cold_runs))
        for i in range(args.runs):
            seconds, status = timed(sendmail, warm, base, REPLY)
            warm_times.append(seconds)
            statuses.add(status)
            if i % every == 0 and len(cold_times) < args.cold_runs:
                seconds, status = timed(sendmail, cold, base, REPLY)
                cold_times.append(seconds)
                statuses.add(status)
        series_warm: list[float] = []
        series_cold: list[float] = []
        for _ in range(args.series):
            seconds, status = validate(command, patches, base / "repo", warm)
            series_warm.append(seconds)
            statuses.add(status)
            seconds, status = validate(command, patches, base / "repo", cold)
            series_cold.append(seconds)
            statuses.add(status)
        imported = client_imports(warm, base)
        state = json.loads(
            subprocess.run(
                [
                    sys.executable,
                    "-c",
                    "import json; from cscomm.daemon.control import status; print(json.dumps(status()))",
                ],
                env=warm,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
    finally:
        subprocess.run([*CSCOMM, "daemon", "stop"], env=warm, cwd=base, capture_output=True, check=False)
        shutil.rmtree(base, ignore_errors=True)

    heavy = sorted(
        {m for m in imported if m.split(".")[0] in ("spacy", "numpy", "click") or m == "cscomm.engine"}
    )
    figures: dict[str, Any] = {
        "conditions": {
            "cpus": os.cpu_count(),
            "load_before": [round(x, 2) for x in load_before],
            "load_after": [round(x, 2) for x in os.getloadavg()],
            "python": sys.version.split()[0],
            "series": "git send-email --dry-run"
            if command
            else "the hook run on each patch (no git send-email)",
        },
        "sendmail_warm": summary(warm_times),
        "sendmail_cold": summary(cold_times),
        "series_8_warm_s": [round(x, 2) for x in series_warm],
        "series_8_cold_s": [round(x, 2) for x in series_cold],
        "exit_statuses": sorted(statuses),
        "daemon_requests": state["requests"] if state else None,
        "client_modules": len(imported),
        "client_heavy_imports": heavy,
    }
    conditions = figures["conditions"]
    print(
        f"conditions: {conditions['cpus']} CPUs, load {conditions['load_before']} before, "
        f"{conditions['load_after']} after; series: {conditions['series']}"
    )
    rows = [
        ("sendmail, daemon warm", figures["sendmail_warm"], "p50 <= 100 ms, p95 <= 250 ms"),
        ("sendmail, cold (daemon off)", figures["sendmail_cold"], ""),
    ]
    print(f"{'measure':<34} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8}  target")
    for name, row, target in rows:
        print(f"{name:<34} {row['runs']:>5} {row['p50_ms']:>8} {row['p95_ms']:>8}  {target}")
    print(f"8-patch validation, warm (s):  {figures['series_8_warm_s']}  target <= 2 s")
    print(f"8-patch validation, cold (s):  {figures['series_8_cold_s']}")
    print(
        f"exit statuses: {figures['exit_statuses']} (0: sent or sendable); "
        f"daemon requests: {figures['daemon_requests']}"
    )
    print(
        f"client imports {len(imported)} modules; spaCy, numpy, click or the engine "
        f"among them: {heavy or 'none'}"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
