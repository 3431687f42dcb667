"""The rule reference: a Markdown page per rule (``docs/rules/<CODE>.md``) and an index,
generated from the rules' own metadata by ``scripts/gen_rule_docs.py``.

One page per rule, as ruff publishes its rules: a finding's ``url`` then opens exactly its
rule, and a change to one rule changes one page. Pages are named by code, which is never
reused or renamed, so links in old reports keep working.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from cscomm.checks.base import Rule
from cscomm.engine import RULE_CRASHED
from cscomm.guidelines import explain
from cscomm.language import language_name
from cscomm.resources import rules_dir
from cscomm.samples import sample_message
from cscomm.selection import FAMILIES
from cscomm.suppression import UNUSED_SUPPRESSION

GENERATED = (
    "<!-- Generated from the rules' metadata by scripts/gen_rule_docs.py: edit the rule, not this page. -->"
)
PRECISION_HEADER = "| rule | name | severity | fired | right | wrong | unjudged | precision | at warning |"
"""The header of the README's precision table (``benchmarks/rule_precision.py --markdown``)."""
ENGINE_FINDINGS = {
    RULE_CRASHED: (
        "error",
        "A rule failed with an internal error on this draft. The other rules still ran, so the "
        "rest of the report stands, but this rule did not check the draft. Run again with "
        "`CSCOMM_DEBUG=1` to see the traceback, and report it with the draft.",
    ),
    UNUSED_SUPPRESSION: (
        "warning",
        "An `X-Cscomm-Ignore` header or a `cscomm-disable` comment silenced nothing, or names "
        "no rule. Reported only with `--report-unused-ignores` (config `report-unused-ignores`), "
        "as ruff's `RUF100` reports unused `noqa` comments: remove the suppression, or it will "
        "hide the next real finding at that place.",
    ),
}
"""Findings the engine itself reports, which no rule class describes: (code, name) →
(severity, explanation)."""


@dataclass(frozen=True, slots=True)
class Precision:
    """A rule's row of the README's precision table."""

    fired: int
    right: int
    wrong: int
    unjudged: int
    precision: str
    at_warning: str
    seed_languages: bool = False
    """From the second table: the seed-language sets, which shaped the language packs."""


def reference(rules: Sequence[type[Rule]], precision: Mapping[str, Precision]) -> dict[str, str]:
    """Every page of the reference by file name: ``README.md`` (the index), one per rule and
    one per engine finding."""
    pages = {f"{rule.code}.md": rule_page(rule, precision.get(rule.code)) for rule in rules}
    for (code, name), (severity, text) in ENGINE_FINDINGS.items():
        pages[f"{code}.md"] = _engine_page(code, name, severity, text)
    return {"README.md": index_page(rules), **pages}


def read_precision(readme: str) -> dict[str, Precision]:
    """The README's per-rule precision tables, by code (empty without one): the first table
    that has a rule's row gives its figures (English, then the seed languages)."""
    lines = readme.splitlines()
    table: dict[str, Precision] = {}
    for number, at in enumerate(n for n, line in enumerate(lines) if line == PRECISION_HEADER):
        for line in lines[at + 2 :]:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            if not line.startswith("|") or len(cells) != 9:
                break
            code, _, _, fired, right, wrong, unjudged, rate, loud = cells
            row = Precision(int(fired), int(right), int(wrong), int(unjudged), rate, loud, number > 0)
            table.setdefault(code, row)
    return table


def family(rule: type[Rule]) -> str:
    """The README family of a rule (by its code's prefix), else its pack."""
    return next((name for name, prefix in FAMILIES.items() if rule.code.startswith(prefix)), rule.pack)


def index_page(rules: Sequence[type[Rule]]) -> str:
    """The index: a table of rules per family, then the engine's own findings."""
    out = [
        GENERATED,
        "",
        "# Rule reference",
        "",
        "Every rule cscomm ships, one page each, made from the rule's own metadata (its message, "
        "rationale, guidelines, examples and options) by `python scripts/gen_rule_docs.py`; a test "
        "fails when a page is out of date. Each finding's `url` in the JSON and SARIF reports "
        "points at its rule's page: set `docs-url` in the configuration to where your team "
        "reads these pages (default `docs/rules/{code}.md`, relative to the repository).",
        "",
        "Select or ignore a family by its name (`--select send-stoppers`), a rule by its code or "
        "name. Opt-in rules run only when selected by their code or name, or with `strict`.",
    ]
    families: dict[str, list[type[Rule]]] = {name: [] for name in FAMILIES}
    for rule in rules:
        families.setdefault(family(rule), []).append(rule)
    for name, members in ((n, m) for n, m in families.items() if m):
        out += ["", f"## {name} (`{members[0].code[:2]}`)", ""]
        out += ["| rule | name | severity | message |", "|---|---|---|---|"]
        out += [
            f"| [{r.code}]({r.code}.md) | {r.name} | {_severity(r)} | {_cell(sample_message(r))} |"
            for r in members
        ]
    out += ["", "## Engine findings", "", "| code | name | severity |", "|---|---|---|"]
    out += [f"| [{c}]({c}.md) | {n} | {s} |" for (c, n), (s, _) in ENGINE_FINDINGS.items()]
    return "\n".join(out) + "\n"


def rule_page(rule: type[Rule], precision: Precision | None = None) -> str:
    """One rule's page."""
    out = [GENERATED, "", f"# {rule.code} {rule.name}", "", f"> {sample_message(rule)}", ""]
    out += ["| | |", "|---|---|"]
    out += [f"| {key} | {value} |" for key, value in _facts(rule)]
    out += ["", "## Why", "", rule.rationale.strip()]
    out += ["", "## Guidelines", ""]
    out += [f"- {explain(g)}" for g in rule.guidelines] or ["The guidelines do not cover this rule."]
    out += ["", "## Examples", "", *_examples(rule)]
    out += ["", "## Options", "", *_options(rule)]
    out += ["", "## Measured precision", "", _precision(rule, precision)]
    return "\n".join(out) + "\n"


def _facts(rule: type[Rule]) -> list[tuple[str, str]]:
    selectors = f"`{rule.code}`, `{rule.name}`"
    runs = f"no: opt-in, select it by {selectors} or `strict`" if rule.opt_in else "yes"
    message = f"`{_cell(rule.message)}`" if "{" in rule.message else "as above"
    return [
        ("family", f"{family(rule)} (`{rule.code[:2]}`)"),
        ("category", str(rule.category)),
        ("default severity", str(rule.severity)),
        ("runs by default", runs),
        ("languages", _languages(rule)),
        ("message template", message),
        ("defined in", f"`{_source(rule)}`"),
    ]


def _languages(rule: type[Rule]) -> str:
    if rule.languages:
        return ", ".join(sorted(language_name(code) for code in rule.languages))
    return "English and the language packs' drafts" if rule.any_language else "English"


def _examples(rule: type[Rule]) -> list[str]:
    setting = ", ".join(f"`{key} = {json.dumps(v)}`" for key, v in rule.examples.options.items())
    how = [f"checked as a {rule.examples.kind.value}"] if rule.examples.kind else []
    how += [f"with the option {setting}"] if setting else []
    note = f" ({'; '.join(how)})" if how else ""
    out: list[str] = []
    for label, texts in (
        (f"Flagged{note}; `[[…]]` marks what the rule reports:", rule.examples.fail),
        (f"Not flagged{note}:", rule.examples.pass_),
    ):
        for text in texts:
            fence = "`" * max(3, 1 + max((len(m) for m in re.findall("`+", text)), default=0))
            out += [label, "", f"{fence}text", text.rstrip("\n"), fence, ""]
    return out[:-1] or ["None yet."]


def _options(rule: type[Rule]) -> list[str]:
    """The options with their defaults, a column per channel profile that changes one, and
    the channels the rule is off for."""
    kinds = sorted(k for k, values in rule.profiles.items() if set(values) - {"enabled"})
    out: list[str] = []
    if rule.options:
        out += ["| option | default |" + "".join(f" {k} |" for k in kinds), "|---|---|" + "---|" * len(kinds)]
        for key, value in rule.options.items():
            per_kind = "".join(f" {_value(rule.profiles[k].get(key))} |" for k in kinds)
            out.append(f"| `{key}` | {_value(value)} |{per_kind}")
        settings = [f"{key} = {json.dumps(value)}" for key, value in rule.options.items()]
        out += ["", "Set them in the configuration:", "", "```toml", f"[tool.cscomm.rules.{rule.name}]"]
        out += [*settings, "```"]
    off = [k for k, values in sorted(rule.profiles.items()) if values.get("enabled") is False]
    if off:
        out += [""] * bool(out) + [f"Off for {' and '.join(off)} drafts (their channel profile)."]
    return out or ["None."]


def _precision(rule: type[Rule], row: Precision | None) -> str:
    if row is None:
        why = "it is opt-in, so not in the default run" if rule.opt_in else "it did not fire on them"
        return f"No figure from the labelled sets in the README's *Precision first* table: {why}."
    unjudged = f", {row.unjudged} unjudged" if row.unjudged else ""
    loud = f"at warning level {row.at_warning}" if row.at_warning != "–" else "none at warning level"
    where = (
        "the labelled drafts of the language packs' languages, which shaped the packs (the README's "
        "*Precision first* tables; the newest sets' first scores are under *Languages*)"
        if row.seed_languages
        else "the labelled drafts nobody had tuned the checks on (the README's *Precision first* table)"
    )
    return (
        f"On {where}: fired {row.fired} times, {row.right} right and {row.wrong} wrong{unjudged}; "
        f"precision {row.precision}, {loud}."
    )


def _engine_page(code: str, name: str, severity: str, text: str) -> str:
    facts = [("family", "the engine (`CS`)"), ("category", "engine"), ("severity", severity)]
    rows = [f"| {key} | {value} |" for key, value in facts]
    return "\n".join([GENERATED, "", f"# {code} {name}", "", text, "", "| | |", "|---|---|", *rows]) + "\n"


def _source(rule: type[Rule]) -> str:
    """Where the rule is defined, relative to the repository."""
    if not rule.origin:
        return f"{rule.__module__.replace('.', '/')}.py"
    path = Path(rule.origin)
    try:
        return f"rules/{path.relative_to(rules_dir()).as_posix()}"
    except ValueError:
        return path.name


def _severity(rule: type[Rule]) -> str:
    return f"{rule.severity}, opt-in" if rule.opt_in else str(rule.severity)


def _value(value: object) -> str:
    return "–" if value is None else f"`{json.dumps(value, ensure_ascii=False)}`"


def _cell(text: str) -> str:
    """``text`` safe in a table cell."""
    return text.replace("|", "\\|")


def write(folder: Path, pages: Mapping[str, str]) -> None:
    """Write ``pages`` into ``folder`` and remove the ``.md`` files that are no longer pages."""
    folder.mkdir(parents=True, exist_ok=True)
    for stale in set(_markdown(folder)) - set(pages):
        (folder / stale).unlink()
    for name, text in pages.items():
        (folder / name).write_text(text, encoding="utf-8")


def stale(folder: Path, pages: Mapping[str, str]) -> list[str]:
    """The files of ``folder`` that differ from ``pages``: changed, missing or left over."""
    names = sorted(set(pages) | set(_markdown(folder)))
    return [n for n in names if pages.get(n) != _read(folder / n)]


def _markdown(folder: Path) -> Iterable[str]:
    return (p.name for p in folder.glob("*.md")) if folder.is_dir() else ()


def _read(path: Path) -> str | None:
    return path.read_text(encoding="utf-8") if path.is_file() else None
