"""Where each rule's documentation lives: the ``docs-url`` template of the configuration."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_DOCS_URL = "docs/rules/{code}.md"
"""The generated rule pages (``scripts/gen_rule_docs.py``), relative to the repository's
root: the project publishes no documentation site (pyproject.toml has no project.urls)."""


def rule_url(template: str, code: str, name: str) -> str:
    """The documentation URL of a rule: ``template`` with ``{code}`` and ``{name}`` filled in."""
    return template.format(code=code, name=name)


def docs_url_problem(template: str) -> str | None:
    """Why ``template`` is no usable ``docs-url``, or None when it is one."""
    if "{code}" not in template and "{name}" not in template:
        return "must contain {code} or {name}, e.g. https://example.com/cscomm/rules/{code}.md"
    try:
        rule_url(template, "CT001", "missing-greeting")
    except (KeyError, IndexError, ValueError) as exc:
        return f"may hold only the placeholders {{code}} and {{name}} ({type(exc).__name__}: {exc})"
    return None


def is_absolute(url: str) -> bool:
    """Whether ``url`` names its scheme (``https:``), as SARIF's ``helpUri`` must (a
    one-letter scheme is a Windows drive)."""
    return len(urlsplit(url).scheme) > 1
