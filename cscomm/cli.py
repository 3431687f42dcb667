"""The ``cscomm`` command line."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from cscomm import __version__
from cscomm.config import Config, find_config_file, load_config
from cscomm.document import DocKind
from cscomm.errors import CscommError
from cscomm.findings import Severity

EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


def _split(values: Sequence[str]) -> tuple[str, ...] | None:
    """``--select CT,CL --select TN001`` → ``("CT", "CL", "TN001")``; ``None`` if unused."""
    items = tuple(v.strip() for value in values for v in value.split(",") if v.strip())
    return items or None


def _warn(message: str) -> None:
    click.echo(f"cscomm: {message}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cscomm")
def cli() -> None:
    """cscomm: lint customer-service emails, letters and memos before you send them."""


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--incoming", metavar="FILE", help="The customer's message, when not quoted in the draft.")
@click.option("--kind", type=click.Choice([k.value for k in DocKind]), help="Channel profile (default: detected).")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--select", multiple=True, metavar="RULES", help="Only these rules: codes, prefixes, names, categories.")
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option("--fail-on", type=click.Choice([s.name.lower() for s in Severity]),
              help="Lowest severity that makes the exit code 1 (default: warning).")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--model", help="spaCy model name to load first.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Show details under each finding.")
def check(paths: tuple[str, ...], incoming: str | None, kind: str | None, output_format: str,
          select: tuple[str, ...], ignore: tuple[str, ...], fail_on: str | None,
          config_path: str | None, isolated: bool, model: str | None, color: str,
          verbose: bool) -> None:
    """Check drafts (files, folders, or - for standard input)."""
    from cscomm.runner import CheckRequest, run_check

    overrides = {
        "select": _split(select), "ignore": _split(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "kind": DocKind(kind) if kind else None, "model": model,
    }
    try:
        explicit = load_config(Path(config_path)) if config_path else None
        request = CheckRequest(list(paths), incoming, explicit, isolated, overrides)
        report, fail_level, warnings = run_check(request)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    for message in warnings:
        _warn(f"warning: {message}")
    for message in report.errors:
        _warn(f"error: {message}")
    if output_format == "json":
        from cscomm.reporters import report_json

        report_json(report, sys.stdout)
    else:
        from cscomm.reporters import report_text

        report_text(report, sys.stdout, verbose=verbose,
                    color={"auto": None, "always": True, "never": False}[color])
    if report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.failed(fail_level) else EXIT_CLEAN)


@cli.command()
@click.argument("path")
@click.option("--incoming", metavar="FILE", help="The customer's message, when not quoted in the draft.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def questions(path: str, incoming: str | None, output_format: str) -> None:
    """Show the customer's questions found for a draft, and the reply sentence that answers each."""
    from cscomm.runner import CheckRequest, run_check

    request = CheckRequest([path], incoming, Config(select=("QA001",)), overrides={})
    try:
        report, _, warnings = run_check(request)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    for message in (*warnings, *report.errors):
        _warn(message)
    if report.errors:
        sys.exit(EXIT_ERROR)
    file = report.files[0]
    found = file.metrics.get("questions", [])
    if output_format == "json":
        click.echo(json.dumps(found, indent=2, ensure_ascii=False))
        return
    if not file.metrics.get("has_customer_message"):
        click.echo(f"{file.path}: no customer message (quote it in the draft or pass --incoming)")
        return
    for item in found:
        where = f"{file.path}:{item['line']}:{item['column']}" if "line" in item else incoming
        verdict = "answered" if item["answered"] else "NOT ANSWERED"
        click.echo(f"{where}: {verdict}: “{item['question']}” ({item['form']}, wants {item['answer_type']})")
        click.echo(f"    answer: “{item['answer']}”" if item["answer"] else f"    {item['reason']}")
    click.echo(f"{len(found)} question{'s' * (len(found) != 1)} found.")


@cli.command()
@click.option("--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Also list rules from this config's packs.")
def rules(output_format: str, config_path: str | None) -> None:
    """List every rule."""
    registry = _registry(config_path)
    if output_format == "json":
        click.echo(json.dumps([r.describe() for r in registry.rules], indent=2, ensure_ascii=False))
        return
    for rule in registry.rules:
        click.echo(f"{rule.code}  {rule.name:<28} {str(rule.category):<11} {str(rule.severity):<10} {rule.message}")


@cli.command()
@click.argument("identifier")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def rule(identifier: str, config_path: str | None) -> None:
    """Explain one rule, by code or name."""
    registry = _registry(config_path)
    found = registry.get(identifier)
    if found is None:
        _warn(f"error: no rule {identifier!r}; run `cscomm rules` to list them")
        sys.exit(EXIT_ERROR)
    info = found.describe()
    click.echo(f"{info['code']} {info['name']} ({info['category']}, {info['severity']})\n")
    click.echo(f"{info['message']}\n\n{info['rationale']}")
    if info["guidelines"]:
        click.echo(f"\nGuidelines: {', '.join(info['guidelines'])}")
    if info["options"]:
        click.echo(f"Options: {json.dumps(info['options'])}")
    if info["profiles"]:
        click.echo(f"Profiles: {json.dumps(info['profiles'])}")
    for label, key in (("Flags", "fail"), ("Passes", "pass")):
        for example in info["examples"][key]:
            click.echo(f"\n{label}:\n" + "\n".join(f"    {ln}" for ln in example.replace("[[", "").replace("]]", "").splitlines()))


def _registry(config_path: str | None):  # type: ignore[no-untyped-def]
    from cscomm.registry import Registry

    try:
        config = load_config(Path(config_path)) if config_path else _nearest_config()
        return Registry.build(config.packs)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)


def _nearest_config() -> Config:
    found = find_config_file(Path.cwd())
    return load_config(found) if found else Config()


def main() -> None:
    """Console entry point: run, flush, and skip the slow interpreter clean-up."""
    logging.basicConfig(level=logging.DEBUG if os.environ.get("CSCOMM_DEBUG") else logging.WARNING,
                        format="cscomm: %(message)s")
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Exit as exc:
        code = exc.exit_code
    except click.ClickException as exc:
        exc.show()
        code = exc.exit_code
    except click.Abort:
        _warn("aborted")
        code = EXIT_ERROR
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: one line, no traceback
        if os.environ.get("CSCOMM_DEBUG"):
            raise
        _warn(f"internal error: {type(exc).__name__}: {exc} (set CSCOMM_DEBUG=1 for details)")
        code = EXIT_ERROR
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else EXIT_CLEAN)
