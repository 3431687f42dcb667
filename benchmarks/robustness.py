"""Robustness benchmark: time and peak memory of one check as a draft grows, by lines and
by the length of one token.

    .venv/bin/python benchmarks/robustness.py [--lines 1000,10000,100000]
        [--tokens 1000,100000,1000000] [--json]

Each size is checked in a new process by a warmed-up ``Linter`` (the library, so no
``max-bytes``): the time is that of the check alone, the memory the peak RSS of the
process and of its grammar helper. Drafts are made at run time. The linearity figure is
each size's time per 1,000 lines over the smallest size's (1.0 is linear; the target is
at most 1.3); a long token is not prose and must cost next to nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time

LINE = "Your refund for order AB-1234 is on its way, and I will email you on Friday."
PROBE = """
import json, resource, sys, time
from cscomm import Linter
from cscomm.backends.process import stop_helpers
kind, size = sys.argv[1], int(sys.argv[2])
if kind == "lines":
    text = "Hi Sam,\\n\\nThanks for your message.\\n" + "\\n".join([{line!r}] * size) + "\\n\\nBest,\\nAna\\n"
else:
    text = "Hi Sam,\\n\\nThanks for your message. " + "x" * size + " is your key.\\n\\nBest,\\nAna\\n"
linter = Linter()
linter.warm_up()
started = time.perf_counter()
report = linter.check(text)
seconds = time.perf_counter() - started
stop_helpers()
print(json.dumps({{
    "chars": len(text), "seconds": seconds, "findings": len(report.findings),
    "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "helper_peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}}))
"""


def measure(kind: str, size: int) -> dict[str, float]:
    """One check of a draft of ``size`` lines (or a token of ``size`` characters)."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(line=LINE), kind, str(size)],
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(json.loads(done.stdout.splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", default="1000,10000,100000")
    parser.add_argument("--tokens", default="1000,100000,1000000")
    parser.add_argument("--json", action="store_true", help="also print the rows as JSON")
    options = parser.parse_args()
    rows = []
    started = time.monotonic()
    for kind, sizes in (("lines", options.lines), ("token", options.tokens)):
        first = None
        for size in (int(s) for s in sizes.split(",")):
            row = {"kind": kind, "size": size, **measure(kind, size)}
            if kind == "lines":
                per_unit = row["seconds"] / size
                first = first or per_unit
                row["vs_linear"] = per_unit / first
            rows.append(row)
            linear = f"  {row['vs_linear']:.2f}x linear" if "vs_linear" in row else ""
            print(
                f"{kind:<6} {size:>9,}  {row['chars']:>11,} chars  {row['seconds']:7.2f} s  "
                f"peak {row['peak_mb']:6.0f} MB (helper {row['helper_peak_mb']:4.0f} MB){linear}",
                flush=True,
            )
    print(f"total {time.monotonic() - started:.0f} s")
    if options.json:
        print(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
