"""examples/: each draft's output is pinned in a sibling .expected file.

Refresh the goldens deliberately with: CSCOMM_UPDATE_GOLDENS=1 pytest tests/test_examples.py
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cscomm.cli import cli

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CUSTOMER = {"reply-to-incoming.txt": EXAMPLES / "customer" / "double-charge.txt"}
DRAFTS = sorted(EXAMPLES.glob("*.txt"))


def render(draft: Path) -> tuple[int, str]:
    args = ["check", "--isolated", "--color", "never"]
    if draft.name in CUSTOMER:
        args += ["--incoming", str(CUSTOMER[draft.name].relative_to(ROOT))]
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, [*args, str(draft.relative_to(ROOT))])
    finally:
        os.chdir(cwd)
    return result.exit_code, f"exit {result.exit_code}\n{result.stdout}"


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.name for d in DRAFTS])
def test_example_output_is_pinned(draft: Path) -> None:
    _, output = render(draft)
    golden = draft.with_suffix(".expected")
    if os.environ.get("CSCOMM_UPDATE_GOLDENS"):
        golden.write_text(output)
    assert output == golden.read_text()


@pytest.mark.parametrize("draft", [d for d in DRAFTS if ".good." in d.name], ids=lambda d: d.name)
def test_good_examples_are_clean(draft: Path) -> None:
    code, output = render(draft)
    assert code == 0 and "No problems found" in output


def test_bad_email_trips_five_courtesy_and_readability_rules() -> None:
    code, output = render(EXAMPLES / "refund-reply.bad.txt")
    names = {line.rsplit("[", 1)[1].rstrip("]") for line in output.splitlines() if line.endswith("]")}
    courtesy_or_clarity = {
        n
        for n in names
        if n.startswith(
            ("missing-", "request-", "long-", "passive", "undefined", "all-caps", "repeated", "jargon")
        )
    }
    assert code == 1 and len(courtesy_or_clarity) >= 5


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.name for d in DRAFTS])
def test_examples_readme_shows_the_real_output(draft: Path) -> None:
    readme = (EXAMPLES / "README.md").read_text()
    expected = draft.with_suffix(".expected").read_text().split("\n", 1)[1]
    assert expected in readme, "run scripts/render-examples-readme.sh"
