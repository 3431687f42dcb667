"""Performance benchmark for cscomm: every figure beside a baseline timed in the same run.

    .venv/bin/python benchmarks/bench.py [--dev PATH] [--repeat N] [--quick] [--json [FILE]]

The machine may be shared and noisy, so each measure is repeated, interleaved with its
baseline, and reported as the median of each with their ratio. See
``benchmarks/README.md`` for what each row measures.

A row is one function ``(Bench) -> Row`` listed in :data:`ROWS`; add new rows there.
"""

from __future__ import annotations

import argparse
import json
import math
import operator
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, replace
from functools import cached_property, partial
from pathlib import Path
from typing import Any, TypeVar

import spacy

from cscomm import Config, Document, Draft, Linter
from cscomm.blas import one_blas_thread
from cscomm.grammar import build_grammar_checker
from cscomm.parallel import check_parallel
from cscomm.parsing import parse
from cscomm.sources import read_path

CONVERSATION_RULES = ("questions", "next-action", "tone", "CL009", "CL010", "CT010", "CT011")
"""The rules that read the conversation (issue 5), by category or code."""

T = TypeVar("T")
REPO = Path(__file__).resolve().parents[1]
DEFAULT_DEV = REPO.parent / "shared" / "eval" / "dev"
EXAMPLES = REPO / "examples"
COLD_DRAFT_WORDS = 200
PARALLEL_DRAFTS = 200
PARALLEL_SPEEDUP = 1.7
# Seconds of timed runs a measure may take by default, so a loaded machine still
# finishes in about 4 minutes; --repeat N always does N runs.
STARTUP_BUDGET, COLD_BUDGET, PARALLEL_BUDGET, FRESH_BUDGET = 8, 25, 40, 40
SPIN_CHUNKS, SPIN_LOOP = 8, 2_500_000
PSS_INTERVAL = 0.02
OPS: dict[str, Callable[[Any, Any], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">=": operator.ge,
    "==": operator.eq,
}
# Run by a small interpreter: spawns argv[1:], prints its exit code and peak RSS (KiB).
RSS_PROBE = """
import os, sys
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ,
                     file_actions=[(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)])
_, status, usage = os.wait4(pid, 0)
print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)
"""


@dataclass(frozen=True, slots=True)
class Target:
    """Pass condition ``op limit``, on the value or (``on_ratio``) on value/baseline."""

    op: str
    limit: float | str
    on_ratio: bool = False

    def met(self, value: float | str, ratio: float | None) -> bool:
        subject = ratio if self.on_ratio else value
        return subject is not None and OPS[self.op](subject, self.limit)

    def describe(self, unit: str) -> str:
        if self.on_ratio:
            return f"ratio {self.op} {self.limit}"
        return f"{self.op} {self.limit} {unit}".strip()


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table."""

    name: str
    value: float | str
    baseline: float | None
    target: Target | None
    unit: str = ""

    @property
    def ratio(self) -> float | None:
        if isinstance(self.value, str) or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def passed(self) -> bool | None:
        """Whether the target is met; ``None`` for an informative row without one."""
        return self.target.met(self.value, self.ratio) if self.target else None

    @property
    def target_text(self) -> str:
        return self.target.describe(self.unit) if self.target else "-"

    def as_dict(self) -> dict[str, Any]:
        return {
            "measure": self.name,
            "value": self.value,
            "baseline": self.baseline,
            "ratio": self.ratio,
            "unit": self.unit,
            "target": self.target_text,
            "passed": self.passed,
        }


@dataclass(frozen=True, slots=True)
class Repeats:
    """How many timed runs each measure gets; with ``budgeted``, fewer when they are slow."""

    startup: int = 7
    cold: int = 5
    warm: int = 5
    parallel: int = 3
    rss: int = 1
    budgeted: bool = True

    @classmethod
    def uniform(cls, n: int) -> Repeats:
        """Exactly ``n`` runs of everything."""
        return cls(n, n, n, n, n, budgeted=False)

    def budget(self, seconds: float) -> float:
        return seconds if self.budgeted else math.inf


QUICK = Repeats(startup=3, cold=2, warm=2, parallel=1, rss=1)


@dataclass(frozen=True, slots=True)
class Case:
    """A draft file and, when it is not quoted in the draft, the customer's message."""

    draft: Path
    incoming: Path | None = None

    @classmethod
    def dev(cls, draft: Path) -> Case:
        """A dev case: ``draft.txt``, with ``incoming.txt`` beside it when there is one."""
        incoming = draft.with_name("incoming.txt")
        return cls(draft, incoming if incoming.is_file() else None)

    def load(self) -> Draft:
        incoming = read_path(str(self.incoming)).text if self.incoming else None
        return Draft(read_path(str(self.draft)).text, str(self.draft), incoming)

    def cli_args(self) -> list[str]:
        return [str(self.draft), *(["--incoming", str(self.incoming)] if self.incoming else [])]


@dataclass(frozen=True, slots=True)
class Throughput:
    """One parallel run: work units per second, CPU seconds of all its processes, and
    how many cores those kept busy on average."""

    rate: float
    cpu: float
    cores: float


@dataclass(slots=True)
class Stopwatch:
    """Seconds accumulated by :func:`time_calls`."""

    total: float = 0.0


class Bench:
    """What rows share: repeats, the corpus, one warmed-up Linter, the parallel runs."""

    def __init__(self, dev: Path | None, repeats: Repeats) -> None:
        self.dev = dev
        self.repeats = repeats

    @cached_property
    def cases(self) -> list[Case]:
        dev = sorted(self.dev.glob("*/draft.txt")) if self.dev else []
        return [Case.dev(p) for p in dev] + [Case(p) for p in sorted(EXAMPLES.glob("*.txt"))]

    @cached_property
    def drafts(self) -> list[Draft]:
        return [case.load() for case in self.cases]

    @cached_property
    def documents(self) -> list[Document]:
        """The drafts as parsed documents (parts and customer message, no NLP)."""
        return [parse(d.text, incoming=d.incoming) for d in self.drafts]

    @cached_property
    def linter(self) -> Linter:
        linter = Linter()
        linter.warm_up()
        linter.check_many(self.drafts)
        return linter

    @cached_property
    def linter_without_grammar(self) -> Linter:
        """The same with ``backend = "none"``: one thread per process."""
        linter = Linter(Config(backend="none"))
        linter.warm_up()
        return linter

    @property
    def model(self) -> str:
        return self.linter.pipeline.model

    @property
    def draft_paths(self) -> list[str]:
        return [str(case.draft) for case in self.cases]

    @cached_property
    def parallel_drafts(self) -> list[Draft]:
        return self.drafts * math.ceil(PARALLEL_DRAFTS / len(self.drafts))

    @cached_property
    def parallel(self) -> dict[tuple[str, int], list[Throughput]]:
        """Interleaved runs of ``check_parallel`` (with and without the grammar backend)
        and of :func:`spin_parallel`, by jobs.

        One untimed 2-process run first: it moves the grammar backend into this process
        (a one-time cost), so both sides are timed in the same mode.
        """
        drafts = self.parallel_drafts
        check_parallel(self.linter, drafts[: len(self.drafts)], 2, chunk_size=4)
        linters = {"check": self.linter, "no-grammar": self.linter_without_grammar}
        runs = {
            (work, jobs): partial(throughput, len(drafts), partial(check_parallel, linter, drafts, jobs))
            for work, linter in linters.items()
            for jobs in (1, 2)
        }
        runs |= {
            ("spin", jobs): partial(throughput, SPIN_CHUNKS, partial(spin_parallel, jobs)) for jobs in (1, 2)
        }
        results = interleave(
            list(runs.values()), self.repeats.parallel, budget=self.repeats.budget(PARALLEL_BUDGET)
        )
        return dict(zip(runs, results, strict=True))

    def parallel_median(self, work: str, jobs: int, field: str) -> float:
        return statistics.median(getattr(run, field) for run in self.parallel[work, jobs])

    def check_one(self, draft: Draft) -> float:
        """Seconds ``Linter.check`` takes on ``draft``."""
        return clock(self.linter.check, draft.text, path=draft.path, incoming=draft.incoming)

    def check_new_customer(self, draft: Draft) -> float:
        """The same with the customer's message new to the linter (its kept parses dropped)."""
        self.linter.customer_parses.clear()
        return self.check_one(draft)

    @cached_property
    def stock_nlp(self) -> Any:
        """The model as plain ``spacy.load`` gives it (NER excluded, as in cscomm)."""
        return spacy.load(self.model, exclude=["ner"])

    @cached_property
    def warm(self) -> list[list[float]]:
        """Per draft, median seconds of ``Linter.check`` and of bare parsing of its input
        by the stock pipeline: ``nlp(text)`` of the draft file, and of the ``--incoming``
        message when the case has one (one ``nlp.pipe`` stream), since the check must read
        that message too."""

        def parse_input(draft: Draft) -> None:
            list(self.stock_nlp.pipe([draft.text, *([draft.incoming] if draft.incoming else [])]))

        return [
            medians([partial(self.check_one, d), partial(clock, parse_input, d)], self.repeats.warm)
            for d in self.drafts
        ]

    @cached_property
    def fresh(self) -> dict[str, list[float]]:
        """Per draft, median seconds of ``Linter.check`` on a draft new to the linter, with
        every rule ("all") and without the conversation rules ("no-conversation").

        Each run is a new process whose warmed-up Linter checks every draft once, as a
        server meets a user's drafts. Harper keeps its lints per chunk of text, so the
        rows that check the same draft again get most of the grammar answer from that
        cache, and their figures show the main process's cost rather than the wait.
        """
        configs = {"all": (), "no-conversation": CONVERSATION_RULES}
        runs = [partial(fresh_check_times, self.dev, ignore) for ignore in configs.values()]
        results = interleave(runs, self.repeats.warm, budget=self.repeats.budget(FRESH_BUDGET))
        return {
            name: [statistics.median(times) for times in zip(*per_run, strict=True)]
            for name, per_run in zip(configs, results, strict=True)
        }

    @cached_property
    def parse_split(self) -> list[tuple[float, float]]:
        """Per draft, median seconds of ``Linter.check`` and of the ``nlp.pipe`` parsing in it."""
        with time_calls(self.linter.pipeline.nlp, "pipe") as parsing:
            return [self._split_one(draft, parsing) for draft in self.drafts]

    def _split_one(self, draft: Draft, parsing: Stopwatch) -> tuple[float, float]:
        checks, parses = [], []
        for _ in range(self.repeats.warm):
            parsing.total = 0.0
            checks.append(self.check_one(draft))
            parses.append(parsing.total)
        return statistics.median(checks), statistics.median(parses)

    @cached_property
    def conversation_split(self) -> list[tuple[float, float, float]]:
        """Per draft, median seconds of ``Linter.check`` with the conversation rules, the
        same with the customer's message new to the linter (its kept parse dropped first),
        and without the conversation rules (which then read no customer message)."""
        without = Linter(Config(ignore=CONVERSATION_RULES))
        without.warm_up()

        def check_without(draft: Draft) -> float:
            return clock(without.check, draft.text, path=draft.path, incoming=draft.incoming)

        split = []
        for d in self.drafts:
            runs = [
                partial(self.check_one, d),
                partial(self.check_new_customer, d),
                partial(check_without, d),
            ]
            full, new_customer, bare = medians(runs, self.repeats.warm)
            split.append((full, new_customer, bare))
        return split

    @cached_property
    def thread_split(self) -> list[tuple[float, float]]:
        """Per draft given with ``--incoming``, median seconds of ``Linter.check`` when the
        customer's message quotes the company's earlier mail under it (the draft itself),
        and with the message alone; the kept parses are dropped before each check."""
        split = []
        for d in self.drafts:
            if d.incoming is None:
                continue
            quoted = "\n".join(f"> {line}" for line in d.text.splitlines())
            thread = f"{d.incoming}\n\nOn 2 Mar 2026, Support <help@example.com> wrote:\n{quoted}\n"
            runs = [
                partial(self.check_new_customer, replace(d, incoming=thread)),
                partial(self.check_new_customer, d),
            ]
            split.append(medians(runs, self.repeats.warm))
        return split

    @cached_property
    def customer_parse(self) -> list[float]:
        """Per draft, median seconds that parsing the customer's message adds to parsing
        the reply in one ``nlp.pipe`` stream (0 when there is none)."""
        nlp = self.linter.pipeline.nlp

        def pipe(texts: list[str]) -> float:
            with one_blas_thread():
                return clock(lambda: list(nlp.pipe(texts)))

        return [
            max(0.0, with_customer - alone)
            for with_customer, alone in (
                medians(
                    [
                        partial(pipe, [doc.masked_text(), doc.customer.text]),
                        partial(pipe, [doc.masked_text()]),
                    ],
                    self.repeats.warm,
                )
                if doc.customer is not None
                else (0.0, 0.0)
                for doc in self.documents
            )
        ]

    @cached_property
    def grammar_split(self) -> list[tuple[float, float]]:
        """Per draft, median seconds of the grammar backend (in process) and of ``Linter.check``."""
        grammar = build_grammar_checker(self.linter.config, helper_process=False)
        grammar.warm_up()
        return [
            medians([partial(clock, grammar.matches, doc), partial(self.check_one, d)], self.repeats.warm)
            for doc, d in zip(self.documents, self.drafts, strict=True)
        ]


def fresh_check_times(dev: Path | None, ignore: Sequence[str]) -> list[float]:
    """Seconds of ``Linter.check`` per corpus draft, each checked once, in a new process
    (see :attr:`Bench.fresh`)."""
    argv = [
        sys.executable,
        __file__,
        "--fresh-checks",
        json.dumps(list(ignore)),
        "--dev",
        str(dev or os.devnull),
    ]
    result = subprocess.run(argv, capture_output=True)
    _check_exit(argv, result.returncode, (0,), result.stderr)
    times: list[float] = json.loads(result.stdout)
    return times


def print_fresh_check_times(dev: Path | None, ignore: Sequence[str]) -> None:
    """The child side of :func:`fresh_check_times`: prints the times as JSON."""
    linter = Linter(Config(ignore=tuple(ignore)))
    linter.warm_up()
    drafts = Bench(dev, Repeats()).drafts
    times = [clock(linter.check, d.text, path=d.path, incoming=d.incoming) for d in drafts]
    print(json.dumps(times))


def cscomm_command() -> list[str]:
    """The installed console script beside this interpreter, else ``python -m cscomm``."""
    script = Path(sys.executable).with_name("cscomm")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "cscomm"]


def spacy_load_command(model: str) -> list[str]:
    """A bare interpreter loading the full pipeline, as a user would."""
    load = "spacy.blank('en')" if model == "blank:en" else f"spacy.load({model!r})"
    return [sys.executable, "-c", f"import spacy; {load}"]


def wall_time(argv: list[str], ok: tuple[int, ...] = (0,)) -> float:
    """Seconds ``argv`` takes to run, its output discarded."""
    start = time.perf_counter()
    proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=REPO)
    wall = time.perf_counter() - start
    _check_exit(argv, proc.returncode, ok, proc.stderr)
    return wall


def peak_rss_mb(argv: list[str], ok: tuple[int, ...] = (0,)) -> float:
    """Peak RSS of ``argv`` in MB, spawned from a small probe process.

    A child spawned directly from this process would inherit this process's
    (model-sized) high-water mark through exec, so its peak would be wrong.
    """
    proc = subprocess.run([sys.executable, "-c", RSS_PROBE, *argv], capture_output=True, cwd=REPO)
    _check_exit(["RSS_PROBE"], proc.returncode, (0,), proc.stderr)
    code, rss = map(int, proc.stdout.split())
    _check_exit(argv, code, ok, proc.stderr)
    return rss / 1024


def peak_tree_pss_mb(argv: list[str], ok: tuple[int, ...] = (0,)) -> float:
    """Peak total PSS in MB of ``argv`` and its descendants, sampled while it runs.

    PSS shares each page out among the processes mapping it, so a forked helper
    process is not counted twice; ``ru_maxrss`` only gives the largest process.
    """
    peak = 0
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, cwd=REPO)
        while proc.poll() is None:
            peak = max(peak, sum(map(pss_kib, process_tree(proc.pid))))
            time.sleep(PSS_INTERVAL)
        err.seek(0)
        _check_exit(argv, proc.returncode, ok, err.read())
    return peak / 1024


def process_tree(root: int) -> list[int]:
    """``root`` and the processes descended from it (Linux ``/proc``)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            ppid = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):  # the process has just gone
            continue
        children.setdefault(ppid, []).append(int(stat.parent.name))
    tree = [root]
    for pid in tree:
        tree.extend(children.get(pid, ()))
    return tree


def pss_kib(pid: int) -> int:
    """Proportional set size of a process in KiB; 0 once it has gone."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    return next((int(line.split()[1]) for line in rollup.splitlines() if line.startswith("Pss:")), 0)


def _check_exit(argv: list[str], code: int, ok: tuple[int, ...], stderr: bytes) -> None:
    if code not in ok:
        raise RuntimeError(f"{' '.join(argv)} exited {code}: {stderr.decode(errors='replace')[-500:]}")


def clock(fn: Callable[..., object], *args: Any, **kwargs: Any) -> float:
    """Seconds one call takes."""
    start = time.perf_counter()
    fn(*args, **kwargs)
    return time.perf_counter() - start


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its finished children."""
    usages = (resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN))
    return sum(u.ru_utime + u.ru_stime for u in usages)


def throughput(units: int, fn: Callable[[], object]) -> Throughput:
    """Run ``fn``, which does ``units`` of work, once."""
    cpu = cpu_seconds()
    wall = clock(fn)
    cpu = cpu_seconds() - cpu
    return Throughput(units / wall, cpu, cpu / wall)


def spin(n: int) -> int:
    """Pure-Python CPU work."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def spin_parallel(jobs: int) -> None:
    """Fixed CPU work on ``jobs`` forked processes (in this one for 1), like ``check_parallel``."""
    if jobs == 1:
        for _ in range(SPIN_CHUNKS):
            spin(SPIN_LOOP)
        return
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(spin, [SPIN_LOOP] * SPIN_CHUNKS))


def interleave(
    fns: Sequence[Callable[[], T]], n: int, warm_up: bool = False, budget: float = math.inf
) -> list[list[T]]:
    """Results of ``n`` rounds calling each of ``fns`` in turn, after an untimed round if
    ``warm_up``; no round is started that would likely end past ``budget`` seconds."""
    if warm_up:
        for fn in fns:
            fn()
    results: list[list[T]] = [[] for _ in fns]
    start = time.perf_counter()
    for done in range(1, n + 1):
        round_start = time.perf_counter()
        for fn, out in zip(fns, results, strict=True):
            out.append(fn())
        now = time.perf_counter()
        if done < n and (now - start) + (now - round_start) > budget:
            print(f"bench: time budget of {budget:.0f} s spent after {done} of {n} runs", file=sys.stderr)
            break
    return results


def medians(
    fns: Sequence[Callable[[], float]], n: int, warm_up: bool = False, budget: float = math.inf
) -> list[float]:
    """The median of each function's results from :func:`interleave`."""
    return [statistics.median(out) for out in interleave(fns, n, warm_up, budget)]


@contextmanager
def time_calls(obj: object, method: str) -> Iterator[Stopwatch]:
    """Time calls of ``obj.method`` while the block runs, including the iteration of a
    lazy result such as ``nlp.pipe``'s (the method is patched on the instance)."""
    original = getattr(obj, method)
    spent = Stopwatch()

    def timed(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        result = original(*args, **kwargs)
        spent.total += time.perf_counter() - start
        return result if isinstance(result, Sequence) else timed_items(result, spent)

    setattr(obj, method, timed)
    try:
        yield spent
    finally:
        delattr(obj, method)


def timed_items(items: Iterable[T], spent: Stopwatch) -> Iterator[T]:
    """Yield ``items``, adding the seconds spent producing each to ``spent``."""
    iterator = iter(items)
    while True:
        start = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            return
        finally:
            spent.total += time.perf_counter() - start
        yield item


def median_ms_row(
    name: str, values: Iterable[float], bases: Iterable[float], ratio_limit: float | None = None
) -> Row:
    """A row of the median of ``values`` beside the median of ``bases`` (seconds, shown in
    ms), with a target on their ratio when ``ratio_limit`` is given."""
    target = Target("<=", ratio_limit, on_ratio=True) if ratio_limit is not None else None
    return Row(name, statistics.median(values) * 1000, statistics.median(bases) * 1000, target, "ms")


def row_startup(command: str, bench: Bench) -> Row:
    """Wall time of a command that needs no NLP vs a bare interpreter start."""
    argv = [*cscomm_command(), command]
    value, base = medians(
        [lambda: wall_time(argv), lambda: wall_time([sys.executable, "-c", "pass"])],
        bench.repeats.startup,
        warm_up=True,
        budget=bench.repeats.budget(STARTUP_BUDGET),
    )
    return Row(f"cscomm {command} (vs python -c pass)", value, base, Target("<", 0.3), "s")


def row_imports_spacy(command: str, bench: Bench) -> Row:
    """Whether a command imports spaCy (from ``PYTHONPROFILEIMPORTTIME`` output)."""
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    proc = subprocess.run(
        [*cscomm_command(), command], env=env, cwd=REPO, check=True, capture_output=True, text=True
    )
    modules = {
        line.rsplit("|", 1)[-1].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    return Row(
        f"cscomm {command} imports spaCy", "yes" if "spacy" in modules else "no", None, Target("==", "no")
    )


def row_cold_check(bench: Bench) -> Row:
    """A fresh ``cscomm check`` of one ~200-word draft vs a bare ``spacy.load``."""
    case, draft = min(
        zip(bench.cases, bench.drafts, strict=True),
        key=lambda pair: abs(len(pair[1].text.split()) - COLD_DRAFT_WORDS),
    )
    argv, load = [*cscomm_command(), "check", *case.cli_args()], spacy_load_command(bench.model)
    value, base = medians(
        [lambda: wall_time(argv, ok=(0, 1)), lambda: wall_time(load)],
        bench.repeats.cold,
        budget=bench.repeats.budget(COLD_BUDGET),
    )
    name = (
        f"cold check {case.draft.parent.name}/{case.draft.name}, "
        f"{len(draft.text.split())} words (vs spacy.load)"
    )
    return Row(name, value, base, Target("<=", 1.3, on_ratio=True), "s")


def row_warm_check(bench: Bench) -> Row:
    """Median per-draft ``Linter.check`` vs bare parsing of the draft (and of the customer
    message given with ``--incoming``) by the model as ``spacy.load`` gives it; the next
    row compares the check with cscomm's own (faster) parse instead."""
    return median_ms_row(
        f"warm Linter.check per draft, {len(bench.warm)} drafts (vs stock nlp of its input)",
        [check for check, _ in bench.warm],
        [nlp for _, nlp in bench.warm],
        1.3,
    )


def row_warm_fresh_check(bench: Bench) -> Row:
    """The same with each draft new to the linter (see :attr:`Bench.fresh`): what a user
    waits for a draft they have just written."""
    return median_ms_row(
        "  … each draft new to the linter (vs stock nlp of its input)",
        bench.fresh["all"],
        [nlp for _, nlp in bench.warm],
        1.3,
    )


def row_warm_parse_share(bench: Bench) -> Row:
    """Split of the same: all of ``Linter.check`` vs the spaCy parsing inside it."""
    return median_ms_row(
        "  split: Linter.check (vs its own spaCy parsing)",
        [check for check, _ in bench.parse_split],
        [parse for _, parse in bench.parse_split],
    )


def row_pipeline_speedup(bench: Bench) -> Row:
    """cscomm's pipeline (indexed attribute ruler, cached lemmatizer, numpy's BLAS on one
    thread) against the stock one (NER excluded in both), on every input text of the corpus."""
    texts = [t for d in bench.drafts for t in (d.text, d.incoming) if t]

    def parse_all(nlp: Any) -> float:
        with one_blas_thread():
            return clock(lambda: list(nlp.pipe(texts))) / len(bench.drafts)

    value, base = medians(
        [partial(parse_all, bench.linter.pipeline.nlp), partial(parse_all, bench.stock_nlp)],
        bench.repeats.warm,
        True,
    )
    return Row("  spaCy parse per draft, cscomm's pipeline (vs stock)", value * 1000, base * 1000, None, "ms")


def row_conversation_share(bench: Bench) -> Row:
    """What the conversation rules add to the warm per-draft time (issue target: 25%),
    the conversation checked before: its customer message's parse is reused."""
    return median_ms_row(
        "warm Linter.check (vs without conversation rules)",
        [full for full, _, _ in bench.conversation_split],
        [without for _, _, without in bench.conversation_split],
        1.25,
    )


def row_conversation_new_customer_share(bench: Bench) -> Row:
    """The same with the customer's message new to the linter: a draft it has checked
    before (a reused template reply) answering a message it has not read."""
    return median_ms_row(
        "  … the customer's message new to the linter",
        [new for _, new, _ in bench.conversation_split],
        [without for _, _, without in bench.conversation_split],
        1.25,
    )


def row_conversation_fresh_share(bench: Bench) -> Row:
    """The same with each draft new to the linter (see :attr:`Bench.fresh`)."""
    return median_ms_row(
        "  … each draft new to the linter (vs without conversation rules)",
        bench.fresh["all"],
        bench.fresh["no-conversation"],
        1.25,
    )


def row_conversation_rules_share(bench: Bench) -> Row:
    """What the conversation rules cost on the shared parses: the customer's message new
    to the linter, less the time its parse adds (means over the drafts, so the parts add
    up)."""
    new = statistics.fmean(new for _, new, _ in bench.conversation_split)
    without = statistics.fmean(without for _, _, without in bench.conversation_split)
    rules = new - without - statistics.fmean(bench.customer_parse)
    return Row(
        "  conversation rules alone, customer parse excluded",
        (without + rules) * 1000,
        without * 1000,
        None,
        "ms",
    )


def row_conversation_thread(bench: Bench) -> Row:
    """A customer message that quotes older mail under it costs what the message alone
    does: only the customer's own words are parsed."""
    return median_ms_row(
        "  … the customer's message quoting earlier mail (vs the message alone)",
        [thread for thread, _ in bench.thread_split],
        [alone for _, alone in bench.thread_split],
    )


def row_grammar_share(bench: Bench) -> Row:
    """The grammar backend's time per draft, in process, beside the whole check (which
    overlaps it with parsing in a helper process)."""
    value = statistics.median(grammar for grammar, _ in bench.grammar_split) * 1000
    base = statistics.median(check for _, check in bench.grammar_split) * 1000
    return Row("  grammar backend in process (vs Linter.check)", value, base, None, "ms")


def parallel_row(
    bench: Bench,
    name: str,
    work: str,
    field: str,
    unit: str,
    target: Target | None = None,
    jobs: tuple[int, int] = (2, 1),
) -> Row:
    """A row of the parallel runs: the median ``field`` of ``work`` on ``jobs[0]``
    processes beside the same on ``jobs[1]``."""
    value, base = (bench.parallel_median(work, n, field) for n in jobs)
    return Row(name, value, base, target, unit)


def row_parallel_rate(bench: Bench) -> Row:
    """Drafts per second through ``check_parallel`` on 2 processes vs 1."""
    name = f"check_parallel {len(bench.parallel_drafts)} drafts, 2 procs (vs 1)"
    target = Target(">=", PARALLEL_SPEEDUP, on_ratio=True)
    return parallel_row(bench, name, "check", "rate", "drafts/s", target)


def row_parallel_cpu(bench: Bench) -> Row:
    """CPU seconds of the same runs: the speed-up an idle machine would allow."""
    target = Target("<=", round(2 / PARALLEL_SPEEDUP, 2), on_ratio=True)
    return parallel_row(bench, "  CPU time of those runs, 2 procs (vs 1)", "check", "cpu", "s", target)


def row_parallel_cores(bench: Bench) -> Row:
    """Cores kept busy by the 1-process run: above 1, the grammar backend's thread
    already uses part of the second core, which caps what a second process can add."""
    return parallel_row(bench, "  cores busy, 1 proc (vs 2 procs)", "check", "cores", "cores", jobs=(1, 2))


def row_parallel_no_grammar(bench: Bench) -> Row:
    """The same runs without the grammar backend, so each process is one thread: what a
    second process adds when the first keeps only one core busy."""
    name = "  without the grammar backend, 2 procs (vs 1)"
    return parallel_row(bench, name, "no-grammar", "rate", "drafts/s")


def row_parallel_machine(bench: Bench) -> Row:
    """The machine's own 2-process scaling on pure-Python work, run alongside."""
    return parallel_row(bench, "  machine: pure-Python loop, 2 procs (vs 1)", "spin", "rate", "chunks/s")


def row_peak_rss(bench: Bench) -> Row:
    """Peak RSS of one ``cscomm check`` of every corpus draft vs a bare ``spacy.load``."""
    argv, load = [*cscomm_command(), "check", *bench.draft_paths], spacy_load_command(bench.model)
    value, base = medians(
        [lambda: peak_rss_mb(argv, ok=(0, 1)), lambda: peak_rss_mb(load)], bench.repeats.rss
    )
    return Row(
        f"peak RSS, cscomm check {len(bench.cases)} drafts (vs spacy.load)",
        value,
        base,
        Target("<", 400),
        "MB",
    )


def row_peak_pss(bench: Bench) -> Row:
    """Peak PSS of the whole ``cscomm check`` process tree vs a bare ``spacy.load``."""
    argv, load = [*cscomm_command(), "check", *bench.draft_paths], spacy_load_command(bench.model)
    value, base = medians(
        [lambda: peak_tree_pss_mb(argv, ok=(0, 1)), lambda: peak_tree_pss_mb(load)], bench.repeats.rss
    )
    return Row("  peak PSS, all its processes (vs spacy.load)", value, base, Target("<", 400), "MB")


ROWS: tuple[Callable[[Bench], Row], ...] = (
    partial(row_startup, "--help"),
    partial(row_startup, "rules"),
    partial(row_imports_spacy, "--help"),
    partial(row_imports_spacy, "rules"),
    row_cold_check,
    row_warm_check,
    row_warm_fresh_check,
    row_warm_parse_share,
    row_pipeline_speedup,
    row_conversation_share,
    row_conversation_new_customer_share,
    row_conversation_fresh_share,
    row_conversation_rules_share,
    row_conversation_thread,
    row_grammar_share,
    row_parallel_rate,
    row_parallel_cpu,
    row_parallel_cores,
    row_parallel_no_grammar,
    row_parallel_machine,
    row_peak_rss,
    row_peak_pss,
)


def row_name(row: Callable[[Bench], Row]) -> str:
    """The row's function name (``row_startup``, ``row_warm_check``…) for ``--only``."""
    return row.func.__name__ if isinstance(row, partial) else row.__name__


def number(value: float | str | None) -> str:
    if value is None:
        return "-"
    if isinstance(value, str):
        return value
    return f"{value:.3f}" if value < 10 else f"{value:.1f}"


def print_results(info: dict[str, Any], rows: list[Row], json_to: str | None) -> None:
    """The run's facts and the table; with ``json_to``, also as JSON to that file ("-": stdout)."""
    print(" ".join(f"{k}={v}" for k, v in info.items()))
    print(table(rows))
    if json_to:
        text = json.dumps({"meta": info, "rows": [r.as_dict() for r in rows]}, indent=2)
        if json_to == "-":
            print(text)
        else:
            Path(json_to).write_text(text + "\n", encoding="utf-8")


def table(rows: list[Row]) -> str:
    """The rows as an aligned text table."""
    header = ("measure", "value", "baseline", "ratio", "target", "pass/fail")
    cells = [header] + [
        (
            r.name,
            f"{number(r.value)} {r.unit}".strip(),
            f"{number(r.baseline)} {r.unit}" if r.baseline is not None else "-",
            f"{r.ratio:.2f}x" if r.ratio is not None else "-",
            r.target_text,
            {True: "pass", False: "FAIL", None: "info"}[r.passed],
        )
        for r in rows
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(header))]
    lines = [" | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip() for line in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def meta(bench: Bench, load_before: float) -> dict[str, Any]:
    """The conditions of the run, printed above the table."""
    return {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "model": bench.model,
        "drafts": len(bench.drafts),
        "dev": str(bench.dev) if bench.dev else None,
        "repeats": asdict(bench.repeats),
    }


def positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--dev",
        type=Path,
        default=DEFAULT_DEV,
        help="dev case folder (default: ../shared/eval/dev; examples/ only if missing)",
    )
    parser.add_argument("--repeat", type=positive, metavar="N", help="timed runs per measure")
    parser.add_argument("--quick", action="store_true", help="fewer repeats, for CI smoke runs")
    parser.add_argument(
        "--only",
        metavar="WORDS",
        help="run only the rows whose function name contains one of these comma-separated "
        "words (e.g. warm,conversation)",
    )
    parser.add_argument("--fresh-checks", metavar="IGNORE", help=argparse.SUPPRESS)
    parser.add_argument(
        "--json",
        nargs="?",
        const="-",
        metavar="FILE",
        help="also write the table as JSON (to stdout without FILE)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    dev = args.dev if args.dev.is_dir() else None
    if args.fresh_checks is not None:
        print_fresh_check_times(dev, json.loads(args.fresh_checks))
        return
    if dev is None:
        print(f"bench: {args.dev} not found; using examples/ only", file=sys.stderr)
    repeats = Repeats.uniform(args.repeat) if args.repeat else QUICK if args.quick else Repeats()
    bench = Bench(dev, repeats)
    load_before = os.getloadavg()[0]
    wanted = args.only.split(",") if args.only else [""]
    selected = [row for row in ROWS if any(word in row_name(row) for word in wanted)]
    rows: list[Row] = []
    for i, row in enumerate(selected, 1):
        start = time.perf_counter()
        rows.append(row(bench))
        print(
            f"bench: {i}/{len(selected)} {rows[-1].name}: {time.perf_counter() - start:.0f} s",
            file=sys.stderr,
            flush=True,
        )
    print_results(meta(bench, load_before), rows, args.json)


if __name__ == "__main__":
    main()
