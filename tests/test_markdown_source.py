"""Markdown and HTML templates: only prose is checked, and findings point into the file."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from cscomm.cli import cli
from cscomm.templates.html import read_html
from cscomm.templates.markdown import read_markdown

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "examples" / "templates"
SCHEMA = json.loads((ROOT / "cscomm" / "report.schema.json").read_text())

# A real reply (examples/refund-reply.good.txt) with a misspelling agents make ("recieve",
# SG117) in the prose, and the same word where prose is not: code, link targets, comments.
MARKDOWN = """\
Hi Daniel,

Thank you for getting in touch about order BX-20417, and I'm sorry the kettle arrived damaged.

I have approved a full refund of £39.99 today. You will recieve it on your card within five
working days. You can follow it on [your refunds page](https://shop.example/recieve/BX-20417).

<!-- Agents: never promise a date you cannot recieve. -->

To check it yourself, type `recieve --order BX-20417` in the Brightside app, or ![recieve](https://shop.example/recieve.png) scan the code.

```
recieve --order BX-20417 --all
```

    recieve --verbose

If anything else comes up, just reply to this email and I will help.

Kind regards,
Ana Cruz
Brightside Homeware
"""

HTML = """\
<html><head><title>recieve</title><style>p { margin: 0 } /* recieve */</style></head>
<body>
<p>Hi Daniel,</p>
<p>Thank you for getting in touch about order BX-20417, and I&rsquo;m sorry the kettle arrived damaged.</p>
<p>I have approved a full refund of &pound;39.99 today. You will recieve it on your card within five
working days. You can follow it on <a href="https://shop.example/recieve/BX-20417">your refunds page</a>.</p>
<!-- Agents: never promise a date you cannot recieve. -->
<p>To check it yourself, type <code>recieve --order BX-20417</code> in the Brightside app.</p>
<pre>recieve --order BX-20417 --all</pre>
<p>If anything else comes up, just reply to this email and I will help.</p>
<p>Kind regards,<br>Ana Cruz<br>Brightside Homeware</p>
</body></html>
"""


def check(path: Path, *args: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    result = CliRunner().invoke(cli, ["check", "--isolated", "--format", "json", *args, str(path)])
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    return result.exit_code, data["files"][0]


@pytest.mark.parametrize(("name", "text"), [("reply.md", MARKDOWN), ("reply.html", HTML)])
def test_only_prose_is_checked(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text)

    _, file = check(path)

    flagged = [(f["code"], f["line"], f["text"]) for f in file["findings"]]
    assert flagged == [("SG117", 5, "recieve")]  # in the prose, nowhere else


@pytest.mark.parametrize(("name", "text"), [("reply.md", MARKDOWN), ("reply.html", HTML)])
def test_positions_map_back_to_the_file(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text.replace("Hi Daniel,", "Hi Daniel,\n\nAS I ALREADY SAID, your refund is NOT LATE!!"))

    _, file = check(path)

    lines = text.replace(
        "Hi Daniel,", "Hi Daniel,\n\nAS I ALREADY SAID, your refund is NOT LATE!!"
    ).splitlines()
    spans = [f for f in file["findings"] if f["text"]]
    assert {f["code"] for f in spans} >= {"CL006", "CL007", "SG117"}
    for finding in spans:
        line = lines[finding["line"] - 1]
        assert line[finding["column"] - 1 : finding["end_column"] - 1] == finding["text"], finding


def test_the_prose_keeps_each_character_s_place() -> None:
    for prose, source in ((read_markdown(MARKDOWN), MARKDOWN), (read_html(HTML), HTML)):
        assert len(prose.offsets) == len(prose.text) + 1
        words = [(i, c) for i, c in enumerate(prose.text) if c.isalpha() and c.isascii()]
        assert words and all(source[prose.offsets[i]] == c for i, c in words)


def test_markdown_prose_leaves_out_markup_code_and_targets() -> None:
    prose = read_markdown(
        "# Your refund\n\nIt is **on its way**; see [the page](https://x.example/a_b) or `code`.\n\n"
        "> When will it arrive?\n\n- one\n- two\n"
    )

    assert prose.text == (
        "Your refund\n\nIt is on its way; see the page or.\n\n> When will it arrive?\n\n- one\n\n- two"
    )


def test_text_after_a_link_is_found_past_the_link_s_target() -> None:
    source = "See [the page](https://x.example/a.b).\nThen [ask us][faq].\n\n[faq]: https://x.example/faq.\n"

    prose = read_markdown(source)

    assert prose.text == "See the page.\nThen ask us."
    stops = [prose.offsets[i] for i, c in enumerate(prose.text) if c == "."]
    assert stops == [source.index(")") + 1, source.index("[faq].") + 5]


def test_a_markdown_quote_is_the_customer_s_message(tmp_path: Path) -> None:
    path = tmp_path / "reply.md"
    path.write_text(
        "Hi Sam,\n\nThanks for writing. Your parcel ships on Friday.\n\nKind regards,\nAna\n\n"
        "On Mon, 9 Mar 2026, Sam <sam@example.com> wrote:\n\n> When will my parcel ship? Can I pay by card?\n"
    )

    _, file = check(path)

    assert file["metrics"]["has_customer_message"]
    questions = [q["question"] for q in file["metrics"]["questions"]]
    assert questions == ["When will my parcel ship?", "Can I pay by card?"]
    assert [q["line"] for q in file["metrics"]["questions"]] == [10, 10]


def test_the_template_examples_are_clean_with_their_config(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(cli, ["check", "--report-unused-ignores", "examples/templates/"])

    assert result.exit_code == 0, result.stdout
    assert result.stdout.strip() == "No problems found in 2 files."
