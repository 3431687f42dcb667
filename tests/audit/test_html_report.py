"""report.html: self-contained (no CDN), its charts render in headless Chromium (Debian's
``chromium`` and ``chromium-driver``), and personal data in its examples is redacted."""

from __future__ import annotations

import base64
import html
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import headless_chromium
import pytest

from cscomm import Linter
from cscomm.audit import run_audit
from cscomm.audit.html_report import write_report
from cscomm.audit.redact import redactions
from cscomm.audit.synthetic import Case, history, write_mbox

CHARTS = ("chart-trend", "chart-pass-rates", "chart-agents", "chart-macros")
# The share of a chart's screenshot that is not background, measured in the browser itself.
INK = """
const [data, done] = arguments;
const image = new Image();
image.onload = () => {
  const canvas = document.createElement("canvas");
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const pixels = context.getImageData(0, 0, image.width, image.height).data;
  let ink = 0, colours = new Set();
  for (let i = 0; i < pixels.length; i += 4) {
    if (pixels[i] < 235 || pixels[i + 1] < 235 || pixels[i + 2] < 235) ink++;
    colours.add((pixels[i] >> 4) * 256 + (pixels[i + 1] >> 4) * 16 + (pixels[i + 2] >> 4));
  }
  done([ink / (pixels.length / 4), colours.size]);
};
image.src = "data:image/png;base64," + data;
"""


@pytest.fixture(scope="module")
def audited(
    tmp_path_factory: pytest.TempPathFactory, cases: list[Case], audit_linter: Linter
) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("report")
    mbox = folder / "mail.mbox"
    write_mbox(mbox, history(cases, 16, seed=2, agents=4, macros=3, weeks=4))
    outcome = run_audit([mbox], folder / "out", linter=audit_linter, partition_size=8)
    return {"out": folder / "out", "summary": outcome.summary}


class _Resources(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found += [f"{tag} {name}={value}" for name, value in attrs if name in ("src", "href") and value]


def external_resources(page: str) -> list[str]:
    """What the page loads from elsewhere: any script, style sheet, image or frame."""
    parser = _Resources()
    parser.feed(page)
    return [f for f in parser.found if not f.startswith("a href=#")]


def example_names(summary: dict[str, Any]) -> set[str]:
    """The greeting names and email addresses in the example replies."""
    found = set()
    for examples in summary["examples"].values():
        for row in examples:
            text = row["text"]
            found |= {text[r.start : r.end] for r in redactions(text) if r.label in ("name", "email")}
    return found


def test_the_report_is_self_contained_and_redacted(audited: dict[str, Any], tmp_path: Path) -> None:
    page = (audited["out"] / "report.html").read_text(encoding="utf-8")
    assert external_resources(page) == []
    assert "Plotly.newPlot" in page and all(f'id="{chart}"' in page for chart in CHARTS)
    examples = page[page.index("<h2>Example replies</h2>") :]
    names = {html.escape(name) for name in example_names(audited["summary"])}  # as the page writes them
    assert names, "the examples should greet someone"
    assert not [name for name in names if name in examples]
    assert '<span class="redacted">[name]</span>' in examples and "<mark>" in examples
    write_report(tmp_path, audited["summary"], redact=False)
    unredacted = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert [name for name in names if name not in unredacted] == []


@pytest.fixture
def browser() -> Iterator[Any]:
    reason = headless_chromium.missing()
    if reason:
        pytest.skip(f"headless Chromium: {reason}")
    driver = headless_chromium.start("1300,900")
    yield driver
    driver.quit()


def test_the_charts_render_in_headless_chromium(audited: dict[str, Any], browser: Any) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get((audited["out"] / "report.html").resolve().as_uri())
    WebDriverWait(browser, 20).until(
        lambda driver: (
            driver.execute_script("return document.querySelectorAll('.js-plotly-plot .main-svg').length")
            >= 2 * len(CHARTS)
        )
    )
    for chart in CHARTS:
        element = browser.find_element(By.ID, chart)
        browser.execute_script("arguments[0].scrollIntoView()", element)
        png = element.screenshot_as_png
        (audited["out"] / f"{chart}.png").write_bytes(png)
        ink, colours = browser.execute_async_script(INK, base64.b64encode(png).decode())
        assert ink > 0.05 and colours > 8, f"{chart} looks empty: {ink:.1%} ink, {colours} colours"
