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
from cscomm.config import Config, load_config, resolve_config
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
@click.option(
    "--kind", type=click.Choice([k.value for k in DocKind]), help="Channel profile (default: detected)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "concise", "json"]),
    default="text",
    show_default=True,
    help="text: each finding under an excerpt of its line; concise: one line per finding; json.",
)
@click.option(
    "--select", multiple=True, metavar="RULES", help="Only these rules: codes, prefixes, names, categories."
)
@click.option("--ignore", multiple=True, metavar="RULES", help="Skip these rules.")
@click.option(
    "--fail-on",
    type=click.Choice([s.name.lower() for s in Severity]),
    help="Lowest severity that makes the exit code 1 (default: warning).",
)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
@click.option("--model", help="spaCy model name to load first.")
@click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True)
@click.option("-v", "--verbose", is_flag=True, help="Show details under each finding.")
def check(
    paths: tuple[str, ...],
    incoming: str | None,
    kind: str | None,
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fail_on: str | None,
    config_path: str | None,
    isolated: bool,
    model: str | None,
    color: str,
    verbose: bool,
) -> None:
    """Check drafts (files, folders, or - for standard input)."""
    from cscomm.runner import CheckRequest, run_check

    overrides = {
        "select": _split(select),
        "ignore": _split(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "kind": DocKind(kind) if kind else None,
        "model": model,
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
    elif report.files or not report.errors:  # nothing checked: the errors above say it all
        from cscomm.reporters import report_text

        report_text(
            report,
            sys.stdout,
            verbose=verbose,
            color={"auto": None, "always": True, "never": False}[color],
            concise=output_format == "concise",
        )
    if report.errors:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FINDINGS if report.failed(fail_level) else EXIT_CLEAN)


@cli.command()
@click.argument("path")
@click.option("--incoming", metavar="FILE", help="The customer's message, when not quoted in the draft.")
@click.option(
    "--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True
)
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
        if "confidence" in item:
            verdict += f" ({item['confidence']:.0%} sure)"
        click.echo(f"{where}: {verdict}: “{item['question']}” ({item['form']}, wants {item['answer_type']})")
        click.echo(f"    answer: “{item['answer']}”" if item["answer"] else f"    {item['reason']}")
    click.echo(f"{len(found)} question{'s' * (len(found) != 1)} found.")


@cli.command()
@click.option(
    "--format", "output_format", type=click.Choice(["table", "json"]), default="table", show_default=True
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Also list rules from this config's packs.",
)
def rules(output_format: str, config_path: str | None) -> None:
    """List every rule."""
    registry = _registry(config_path)
    if output_format == "json":
        click.echo(json.dumps([r.describe() for r in registry.rules], indent=2, ensure_ascii=False))
        return
    for rule in registry.rules:
        severity = f"{rule.severity}{'*' * rule.opt_in}"
        click.echo(f"{rule.code}  {rule.name:<28} {rule.category!s:<11} {severity:<11} {rule.message}")
    if any(rule.opt_in for rule in registry.rules):
        click.echo("\n* opt-in: not run by default; select it by code or name, or with --select strict")


@cli.command("config")
@click.argument("path", required=False, type=click.Path())
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="Use this config file.")
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
def show_config(path: str | None, config_path: str | None, isolated: bool) -> None:
    """Print the settings a check of PATH (default: this folder) would use, as JSON,
    with the file they came from ("source", null for the defaults)."""
    try:
        config = resolve_config(
            Path(config_path) if config_path else None,
            isolated=isolated,
            start=Path(path) if path else None,
        )
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    click.echo(json.dumps(config.to_dict(), indent=2, ensure_ascii=False))


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
    opt_in = "" if info["default"] else ", opt-in: select it by code, name or `strict`"
    click.echo(f"{info['code']} {info['name']} ({info['category']}, {info['severity']}{opt_in})\n")
    click.echo(f"{info['message']}\n\n{info['rationale']}")
    if info["guidelines"]:
        click.echo(f"\nGuidelines: {', '.join(info['guidelines'])}")
    if info["options"]:
        click.echo(f"Options: {json.dumps(info['options'])}")
    if info["profiles"]:
        click.echo(f"Profiles: {json.dumps(info['profiles'])}")
    for label, key in (("Flags", "fail"), ("Passes", "pass")):
        for example in info["examples"][key]:
            click.echo(
                f"\n{label}:\n"
                + "\n".join(f"    {ln}" for ln in example.replace("[[", "").replace("]]", "").splitlines())
            )


def _registry(config_path: str | None):  # type: ignore[no-untyped-def]
    from cscomm.registry import Registry

    try:
        config = resolve_config(Path(config_path) if config_path else None)
        return Registry.build(config.packs)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)


def main() -> None:
    """Console entry point: run, flush, and skip the slow interpreter clean-up."""
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("CSCOMM_DEBUG") else logging.WARNING,
        format="cscomm: %(message)s",
    )
    try:
        code = cli.main(standalone_mode=False)
    except SystemExit as exc:  # a command's sys.exit(): click lets it through
        code = _exit_code(exc)
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
    except Exception as exc:
        if os.environ.get("CSCOMM_DEBUG"):
            raise
        _warn(f"internal error: {type(exc).__name__}: {exc} (set CSCOMM_DEBUG=1 for details)")
        code = EXIT_ERROR
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code if isinstance(code, int) else EXIT_CLEAN)


def _exit_code(exc: SystemExit) -> int:
    """The status ``sys.exit(value)`` asks for, as the interpreter would give it."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or EXIT_CLEAN
    _warn(str(exc.code))
    return EXIT_ERROR


@cli.command()
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but loopback exposes drafts to the network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True)
@click.option(
    "--max-bytes",
    type=click.IntRange(min=1),
    default=1_000_000,
    show_default=True,
    help="Largest request body accepted.",
)
@click.option(
    "--allow-origin",
    "allow_origins",
    multiple=True,
    metavar="ORIGIN",
    help="Browser origin allowed to call the API (CORS, exact match); repeatable.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Use this config file (default: the nearest one above the current folder).",
)
def serve(
    host: str, port: int, max_bytes: int, allow_origins: tuple[str, ...], config_path: str | None
) -> None:
    """Serve checks as a local HTTP JSON API (for mail-client and helpdesk add-ins)."""
    from cscomm.server import ServerOptions, create_server

    try:
        config = resolve_config(Path(config_path) if config_path else None)
        options = ServerOptions(host, port, max_bytes, frozenset(allow_origins), config)
        server = create_server(options)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _warn(f"error: cannot listen on {host}:{port} ({exc.strerror or exc})")
        sys.exit(EXIT_ERROR)
    click.echo(f"cscomm serve: listening on {server.url}", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class _PassThroughCommand(click.Command):
    """cscomm's options come first; from the first other argument on, all are passed on verbatim.

    A ``--`` right after cscomm's options ends them and is dropped; a later ``--`` (as
    mutt adds before the recipients) is passed on like any other argument.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        takes_value = {
            name: not param.is_flag
            for param in self.get_params(ctx)
            if isinstance(param, click.Option)
            for name in (*param.opts, *param.secondary_opts)
        }
        ours: list[str] = []
        rest = list(args)
        while rest and (name := rest[0].split("=", 1)[0]) in takes_value:
            count = 2 if takes_value[name] and "=" not in rest[0] else 1
            ours, rest = ours + rest[:count], rest[count:]
        if rest[:1] == ["--"]:
            rest = rest[1:]
        return super().parse_args(ctx, [*ours, "--", *rest])


@cli.command(cls=_PassThroughCommand, context_settings={"help_option_names": ["--help"]})
@click.argument("sendmail_args", nargs=-1, type=click.UNPROCESSED, metavar="[--] [SENDMAIL-ARGS]...")
@click.option(
    "--sendmail",
    "command",
    metavar="CMD",
    help="The real sendmail (default: $CSCOMM_SENDMAIL, config `sendmail`, /usr/sbin/sendmail).",
)
@click.option(
    "--fail-on",
    type=click.Choice([s.name.lower() for s in Severity]),
    help="Lowest severity that stops the message (default: config `fail-on`, else warning).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    metavar="SECONDS",
    help="Seconds the check may take; after that the message is sent unchecked.",
)
@click.option("--strict", is_flag=True, help="When cscomm cannot check a message, hold it (exit 75).")
@click.option(
    "--report-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the report here (default: $XDG_STATE_HOME/cscomm/last-report.txt).",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Use this config file."
)
@click.option("--isolated", is_flag=True, help="Ignore all config files.")
def sendmail(
    sendmail_args: tuple[str, ...],
    command: str | None,
    fail_on: str | None,
    timeout: float,
    strict: bool,
    report_file: Path | None,
    config_path: Path | None,
    isolated: bool,
) -> None:
    """Check the message on stdin, then pipe the same bytes to the real sendmail.

    For mail clients that send through a sendmail command (mutt, neomutt, aerc, Emacs).
    Findings at or above the fail level hold the message (exit 65) and the report goes to
    stderr and to the report file; the header "X-Cscomm-Override: yes" (removed before
    sending) or CSCOMM_FORCE=1 sends anyway. If cscomm itself fails, the message is sent
    unchecked with a warning, unless --strict (exit 75).
    """
    from cscomm.hooks.sendmail import SendmailOptions, run

    options = SendmailOptions(
        args=sendmail_args,
        sendmail=command,
        config=config_path.expanduser() if config_path else None,
        isolated=isolated,
        fail_on=Severity.parse(fail_on) if fail_on else None,
        strict=strict,
        timeout=timeout,
        report_file=report_file.expanduser() if report_file else None,
    )
    sys.exit(run(sys.stdin.buffer.read(), options, sys.stderr))


@cli.group()
def hook() -> None:
    """Install and run hooks that check messages before other programs send them."""


@hook.command("install")
@click.argument("name", type=click.Choice(["git-sendemail"]))
@click.option(
    "--repo",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    help="The git repository (default: the current folder).",
)
@click.option("--force", is_flag=True, help="Replace an existing hook that is not cscomm's.")
def hook_install(name: str, repo: Path, force: bool) -> None:
    """Install a hook: git-sendemail writes git's sendemail-validate hook."""
    from cscomm.hooks.git import install

    try:
        path, written = install(repo, force=force)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"{'Installed' if written else 'Already installed:'} {path}")


@hook.command("run")
@click.argument("name", type=click.Choice(["git-sendemail"]))
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--fail-on",
    type=click.Choice([s.name.lower() for s in Severity]),
    help="Lowest severity that stops sending (default: config `fail-on`, else warning).",
)
@click.option(
    "--config", "config_path", type=click.Path(dir_okay=False, path_type=Path), help="Use this config file."
)
def hook_run(name: str, files: tuple[str, ...], fail_on: str | None, config_path: Path | None) -> None:
    """Run a hook as its host program does: git-sendemail takes the email's file (then git's extras)."""
    from cscomm.hooks.git import run

    sys.exit(
        run(files, sys.stderr, config_path=config_path, fail_on=Severity.parse(fail_on) if fail_on else None)
    )
