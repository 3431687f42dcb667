"""The library API: cscomm.check, Linter, check_many, and the JSON contract."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import cscomm
import cscomm.engine
from cscomm import Config, DocKind, Linter, Severity
from cscomm.cli import cli
from cscomm.draft import Draft
from cscomm.parallel import check_parallel

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_check_returns_typed_findings() -> None:
    report = cscomm.check("Your parcel ships on Friday.", incoming="Where is my parcel?")
    codes = {f.code for f in report.findings}
    assert {"CT001", "CT002", "CT003"} <= codes
    finding = next(f for f in report.findings if f.code == "CT001")
    assert finding.severity is Severity.WARNING and finding.line == 1 and finding.column == 1


def test_report_to_dict_equals_cli_json() -> None:
    path = str(EXAMPLES / "refund-reply.bad.txt")
    text = Path(path).read_text()
    api = cscomm.check(text, path=path).to_dict()
    cli_json = json.loads(CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", path]).stdout)
    assert api == cli_json


def test_kind_and_config_arguments() -> None:
    letter = "Hi Mrs Lee,\n\nThank you. Your claim is approved.\n\nCheers,\nAna"
    assert "CT006" in {f.code for f in cscomm.check(letter, kind="letter").findings}
    assert "CT006" not in {f.code for f in cscomm.check(letter, kind=DocKind.EMAIL).findings}
    only = cscomm.check(letter, config=Config(select=("CT003",)))
    assert {f.code for f in only.findings} <= {"CT003"}


@pytest.mark.parametrize("in_memory", [2, 64], ids=["in-groups", "at-once"])
def test_check_many_matches_single_checks(in_memory: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cscomm.engine, "DRAFTS_IN_MEMORY", in_memory)
    linter = Linter()
    drafts = [Draft(p.read_text(), str(p)) for p in sorted(EXAMPLES.glob("*.txt"))]
    batch = linter.check_many(drafts)
    single = [linter.check(d.text, path=d.path) for d in drafts]
    assert batch == single


def test_parallel_matches_serial() -> None:
    linter = Linter()
    drafts = [Draft(p.read_text(), str(p)) for p in sorted(EXAMPLES.glob("*.txt"))] * 3
    assert check_parallel(linter, drafts, jobs=2, chunk_size=4) == linter.check_many(drafts)


def test_a_crashing_rule_becomes_a_finding_and_others_still_run() -> None:
    from cscomm.checks.base import Examples, Rule
    from cscomm.registry import Registry

    class Exploding(Rule):
        code, name, message, rationale = "ZZ900", "exploding", "boom", "test"
        examples = Examples(fail=("x",), pass_=("y",))

        def check(self, ctx):  # type: ignore[no-untyped-def]
            raise RuntimeError("kaboom")

    registry = Registry.build()
    registry = type(registry)((*registry.rules, Exploding))
    report = Linter(Config(), registry=registry).check("Your parcel ships on Friday.")
    crash = [f for f in report.findings if f.code == "CS900"]
    assert crash and "kaboom" in crash[0].message
    assert any(f.code == "CT001" for f in report.findings)


def test_rules_that_need_only_the_parse_run_before_the_grammar_backend_has_answered() -> None:
    from cscomm.checks.base import Examples, Rule
    from cscomm.registry import Registry

    seen: dict[str, object] = {}

    class Recorder(Rule):
        message, rationale = "seen", "test"
        examples = Examples(fail=("x",), pass_=("y",))

        def check(self, ctx):  # type: ignore[no-untyped-def]
            seen[self.code] = ctx.analysis.grammar
            return iter(())

    class Early(Recorder):
        code, name = "ZZ901", "early"

    class Late(Recorder):
        code, name, needs_grammar = "ZZ902", "late", True

    registry = Registry.build()
    registry = type(registry)((*registry.rules, Early, Late))
    Linter(Config(), registry=registry).check("Hi Sam,\n\nWe recieved your parcel.\n\nBest,\nAna")
    assert seen["ZZ901"] is None
    assert isinstance(seen["ZZ902"], list) and seen["ZZ902"]


def test_only_rules_reading_the_backend_or_the_grade_level_wait_for_the_background_work() -> None:
    from cscomm.registry import Registry

    waiting = {cls.code for cls in Registry.build().rules if cls().reads_background}
    assert "CL002" in waiting  # the reading-grade rule: figures come from the helper
    assert {"SG001", "SG002"} <= waiting
    assert not waiting & {"CL001", "CT001", "QA001", "NX001"}


def _linter_recording_customer_parses() -> tuple[Linter, list[Any]]:
    """A linter with one more rule that records each customer-message parse it is given."""
    from cscomm.checks.base import Examples, Rule
    from cscomm.registry import Registry

    seen: list[Any] = []

    class Recorder(Rule):
        code, name, message, rationale = "ZZ903", "recorder", "seen", "test"
        examples = Examples(fail=("x",), pass_=("y",))
        needs_nlp = needs_customer = True

        def check(self, ctx):  # type: ignore[no-untyped-def]
            seen.append(ctx.analysis.customer)
            return iter(())

    registry = Registry.build()
    return Linter(Config(), registry=type(registry)((*registry.rules, Recorder))), seen


def test_a_customer_message_is_parsed_once_for_every_draft_that_replies_to_it() -> None:
    linter, seen = _linter_recording_customer_parses()
    incoming = (EXAMPLES / "customer" / "double-charge.txt").read_text()
    draft = (EXAMPLES / "reply-to-incoming.txt").read_text()
    edited = draft.replace("today", "this morning")
    assert edited != draft
    batch = linter.check_many([Draft(draft, "a", incoming), Draft(edited, "b", incoming)])
    again = linter.check(draft, path="a", incoming=incoming)
    assert len(seen) == 3 and seen[0] is seen[1] is seen[2]
    assert again == batch[0] == Linter().check(draft, path="a", incoming=incoming)
    assert "QA001" in {f.code for f in again.findings}  # "how do I stop it": the reused parse is read


def test_the_older_mail_nested_in_a_customer_message_is_not_parsed() -> None:
    linter, seen = _linter_recording_customer_parses()
    incoming = (
        "Hello,\n\nWhen will my refund arrive?\n\nSam\n\n"
        "On 3 May 2026, Shop <help@shop.example> wrote:\n> Could you send us your order number?\n"
    )
    draft = "Hi Sam,\n\nThanks for writing. I'm sorry for the wait.\n\nBest regards,\nAna"
    report = linter.check(draft, incoming=incoming)
    assert [doc.text for doc in seen] == [incoming[: incoming.index("On 3 May")]]
    unanswered = [f for f in report.findings if f.code == "QA001"]
    assert [dict(f.extra)["question"] for f in unanswered] == ["When will my refund arrive?"]


def test_two_rules_correcting_the_same_words_give_one_finding() -> None:
    draft = "Hi Sam,\n\nThanks. If your interested in the offer, reply today.\n\nBest regards,\nAna"
    alone = {code: cscomm.check(draft, config=Config(select=(code,))).findings for code in ("SG102", "SG008")}
    assert all(len(found) == 1 and found[0].text == "your" for found in alone.values())
    both = [f for f in cscomm.check(draft).findings if f.text == "your"]
    assert len(both) == 1


def test_a_finding_inside_another_rule_s_correction_of_the_same_kind_is_dropped() -> None:
    draft = "Hi Sam,\n\nThanks. I can see your refund have been approved.\n\nBest regards,\nAna"
    phrase = cscomm.check(draft, config=Config(select=("SG106",))).findings
    parse = cscomm.check(draft, config=Config(select=("SG009",))).findings
    assert [f.text for f in phrase] == ["your refund have"] and [f.text for f in parse] == ["have"]
    both = [f for f in cscomm.check(draft).findings if f.code in ("SG106", "SG009")]
    assert len(both) == 1


def test_metrics_are_reported() -> None:
    report = Linter().check((EXAMPLES / "refund-reply.good.txt").read_text())
    assert report.metrics["words"] > 30
    assert 0 < report.metrics["grade_level"] < 12
    assert report.metrics["sentences"] >= 4


def test_backend_finding_overlapping_a_pack_finding_is_dropped() -> None:
    text = "Hi Sam,\n\nThanks. We occured a delay.\n\nBest regards,\nAna\n"
    codes = [f.code for f in Linter(Config(select=("SG",))).check(text).findings]
    assert codes == ["SG117"]


def test_a_memo_to_the_people_the_customer_named_answers_a_relay_request() -> None:
    request = "Hi,\n\nCould you put a note out to the returns desk about the new labels?\n\nMo\n"
    memo = (
        "MEMO\n\nTo: {to}\nFrom: Operations\nSubject: New return labels\n\nHi all,\n\n"
        "From Monday every return gets a green label. Please check the label before you scan it.\n\n"
        "Operations\n"
    )
    to_desk = cscomm.check(memo.format(to="Returns desk, Building 2"), incoming=request)
    to_drivers = cscomm.check(memo.format(to="Delivery drivers"), incoming=request)
    assert "QA001" not in {f.code for f in to_desk.findings}
    assert "QA001" in {f.code for f in to_drivers.findings}


def test_findings_at_the_same_place_keep_the_order_the_rule_gave() -> None:
    asked = [
        "the opening hours",
        "the parking rules",
        "the menu for Sunday",
        "the dress code",
        "the Wi-Fi name",
    ]
    incoming = "Hello,\n\n" + "\n".join(f"Could you tell me {thing}?" for thing in asked) + "\n\nJo\n"
    reply = "Hi Jo,\n\nThanks for writing. We look forward to seeing you on Friday.\n\nKind regards,\nAna\n"
    findings = cscomm.check(reply, incoming=incoming).findings
    questions = [dict(f.extra)["question"] for f in findings if f.code == "QA001"]
    assert questions == [f"Could you tell me {thing}?" for thing in asked]


def test_import_cscomm_is_light_and_every_public_name_resolves(
    modules_loaded_by: Callable[[str], set[str]],
) -> None:
    assert "cscomm.engine" not in modules_loaded_by("import cscomm")
    assert all(getattr(cscomm, name) is not None for name in cscomm.__all__)
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        cscomm.Nope  # noqa: B018
