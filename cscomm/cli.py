"""The ``cscomm`` command line."""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from cscomm import __version__
from cscomm.audit.command import audit as audit_command
from cscomm.config import Config, load_config, resolve_config
from cscomm.document import DocKind
from cscomm.errors import CscommError
from cscomm.findings import Severity
from cscomm.fixes import Applicability
from cscomm.globs import anchor
from cscomm.reporters import FORMATS, STATISTICS_FORMATS

if TYPE_CHECKING:
    from cscomm.autofix import Fixed

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


cli.add_command(audit_command)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--incoming", metavar="FILE", help="The customer's message, when not quoted in the draft.")
@click.option(
    "--kind", type=click.Choice([k.value for k in DocKind]), help="Channel profile (default: detected)."
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="text: each finding under an excerpt of its line; concise: one line per finding; json: the "
    "report; jsonl: one finding per line; sarif, github, junit, checkstyle: for CI and code review.",
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
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="auto: colour on a terminal; the NO_COLOR environment variable turns it off, FORCE_COLOR on.",
)
@click.option("-v", "--verbose", is_flag=True, help="Show details under each finding.")
@click.option(
    "-o",
    "--output-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@click.option(
    "-q", "--quiet", is_flag=True, help="Text formats: print the findings only, no notices or summary."
)
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are at or above --fail-on.")
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule made (text or json), not the findings.",
)
@click.option(
    "--stdin-filename",
    metavar="PATH",
    help="The path standard input (-) stands for: named in the report, and its config is used.",
)
@click.option(
    "--baseline",
    metavar="FILE",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Report only findings not in FILE (JSON); if FILE does not exist, write it with every finding.",
)
@click.option("--update-baseline", is_flag=True, help="Rewrite the --baseline file with every finding.")
@click.option(
    "--report-unused-ignores",
    is_flag=True,
    help="Report X-Cscomm-Ignore codes and comment directives that silenced nothing (CS905).",
)
@click.option(
    "--exclude",
    multiple=True,
    metavar="GLOBS",
    help="Skip files and folders matching these globs in folders (instead of config `exclude`).",
)
@click.option(
    "--force-exclude", is_flag=True, help="Apply the exclusions to files named on the command line too."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Processes to check on; the output is the same, in the same order.",
)
@click.option("--fix", is_flag=True, help="Apply the safe fixes to the files, then report what remains.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="With --fix or --diff: also apply the unsafe fixes (a single replacement that may change meaning).",
)
@click.option(
    "--diff",
    "show_diff",
    is_flag=True,
    help="Print the fixes as a unified diff and write nothing; exit 1 if there are any.",
)
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
    output_file: Path | None,
    quiet: bool,
    exit_zero: bool,
    statistics: bool,
    stdin_filename: str | None,
    baseline: Path | None,
    update_baseline: bool,
    report_unused_ignores: bool,
    exclude: tuple[str, ...],
    force_exclude: bool,
    jobs: int,
    fix: bool,
    unsafe_fixes: bool,
    show_diff: bool,
) -> None:
    """Check drafts (files, folders, or - for standard input).

    Folders are searched for *.txt, *.md, *.html and *.eml files, skipping hidden ones,
    those the git repository ignores and those matching `exclude`. Each file's findings are
    printed as soon as it is checked (text, concise, github, jsonl).
    """
    from cscomm.baseline import Baseline
    from cscomm.reporters.stream import OutputOptions
    from cscomm.runner import CheckRequest
    from cscomm.streaming import check_and_report

    if statistics and output_format not in STATISTICS_FORMATS:
        raise click.UsageError(f"--statistics works with --format {', '.join(STATISTICS_FORMATS)}")
    if stdin_filename and "-" not in paths:
        raise click.UsageError("--stdin-filename names standard input: pass - as the path")
    if update_baseline and baseline is None:
        raise click.UsageError("--update-baseline needs --baseline FILE")
    if unsafe_fixes and not (fix or show_diff):
        raise click.UsageError("--unsafe-fixes goes with --fix or --diff")
    fixing = (Applicability.UNSAFE if unsafe_fixes else Applicability.SAFE) if fix or show_diff else None
    overrides = {
        "select": _split(select),
        "ignore": _split(ignore),
        "fail_on": Severity.parse(fail_on) if fail_on else None,
        "kind": DocKind(kind) if kind else None,
        "model": model,
        "report_unused_ignores": report_unused_ignores or None,
        "exclude": tuple(anchor(glob, Path.cwd()) for glob in _split(exclude) or ()) or None,
    }
    forced = {"auto": None, "always": True, "never": False}[color]
    options = OutputOptions(output_format, forced, verbose, quiet, statistics)
    try:
        explicit = load_config(Path(config_path)) if config_path else None
        request = CheckRequest(
            list(paths), incoming, explicit, isolated, overrides, stdin_filename, force_exclude, jobs, fixing
        )
        accepted = Baseline(baseline, update=update_baseline) if baseline else None
        with contextlib.ExitStack() as stack:
            if show_diff:
                out: TextIO = io.StringIO()  # --diff prints the diffs only
            elif output_file is not None:
                out = stack.enter_context(_open_output(output_file))
            else:  # with --fix, standard output carries the fixed text of standard input
                out = sys.stderr if fix and "-" in paths else sys.stdout
            result = check_and_report(request, out, sys.stderr, options, accepted)
    except CscommError as exc:
        _warn(f"error: {exc}")
        if output_format == "json" and not statistics:  # the document is promised whatever happens
            from cscomm.report import Report
            from cscomm.reporters.json import report_json

            with contextlib.ExitStack() as stack:
                out = sys.stdout if output_file is None else stack.enter_context(_open_output(output_file))
                report_json(Report((), (str(exc),)), out)
        sys.exit(EXIT_ERROR)
    report = result.report
    changed = _apply_fixes(result.fixed, show_diff, quiet) if fixing else False
    if report.errors:
        sys.exit(EXIT_ERROR)
    if show_diff:
        sys.exit(EXIT_FINDINGS if changed else EXIT_CLEAN)
    sys.exit(EXIT_FINDINGS if report.failed(result.fail_level) and not exit_zero else EXIT_CLEAN)


def _apply_fixes(fixed: Sequence[Fixed], diff: bool, quiet: bool) -> bool:
    """Print the diffs, or write the fixed files (standard input's text to standard output);
    say how many fixes were made. Whether any file changes."""
    for file in fixed:
        if diff:
            click.echo(file.diff(), nl=False)
            continue
        sys.stdout.flush()
        try:
            file.write(sys.stdout.buffer)
        except OSError as exc:
            _warn(f"error: cannot write {file.source.path}: {exc.strerror or exc}")
            sys.exit(EXIT_ERROR)
    count, files = sum(f.count for f in fixed), sum(f.changed for f in fixed)
    if count and not quiet:
        verb = "Would fix" if diff else "Fixed"
        click.echo(
            f"{verb} {count} problem{'s' * (count != 1)} in {files} file{'s' * (files != 1)}.", err=True
        )
    return files > 0


def _open_output(path: Path) -> TextIO:
    """``path`` opened for the report (its folder made if need be); exit 2 if it cannot be."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("w", encoding="utf-8")
    except OSError as exc:
        _warn(f"error: cannot write {path}: {exc.strerror or exc}")
        sys.exit(EXIT_ERROR)


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
        result = run_check(request)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    report = result.report
    for message in (*result.warnings, *report.errors):
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
    """List every rule, its message filled in as its first failing example gives it."""
    from cscomm.samples import sample_message

    registry = _registry(config_path)
    if output_format == "json":
        click.echo(json.dumps([r.describe() for r in registry.rules], indent=2, ensure_ascii=False))
        return
    for rule in registry.rules:
        severity = f"{rule.severity}{'*' * rule.opt_in}"
        message = sample_message(rule)
        click.echo(f"{rule.code}  {rule.name:<28} {rule.category!s:<11} {severity:<11} {message}")
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
    from cscomm.guidelines import explain
    from cscomm.samples import sample_message
    from cscomm.selection import did_you_mean

    registry = _registry(config_path)
    found = registry.get(identifier)
    if found is None:
        known = (i for r in registry.rules for i in (r.code, r.name))
        hint = did_you_mean(identifier, known) or "; run `cscomm rules` to list them"
        _warn(f"error: no rule {identifier!r}{hint}")
        sys.exit(EXIT_ERROR)
    info = found.describe()
    opt_in = "" if info["default"] else ", opt-in: select it by code, name or `strict`"
    click.echo(f"{info['code']} {info['name']} ({info['category']}, {info['severity']}{opt_in})\n")
    click.echo(f"{sample_message(found)}\n\n{info['rationale']}")
    if info["guidelines"]:
        click.echo("\nGuidelines:\n" + "\n".join(f"  {explain(g)}" for g in info["guidelines"]))
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


@cli.command()
@click.option("--stdio", is_flag=True, help="Accepted for clients that pass it: stdio is the only transport.")
def lsp(stdio: bool) -> None:
    """Run the language server for editors (over stdio)."""
    from cscomm.lsp.server import build_server

    protocol = sys.stdout.buffer
    sys.stdout = sys.stderr  # a stray print must not corrupt the protocol stream
    build_server().start_io(sys.stdin.buffer, protocol)


def main() -> None:
    """Console entry point: run, flush, and skip the slow interpreter clean-up."""
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("CSCOMM_DEBUG") else logging.WARNING,
        format="cscomm: %(message)s",
    )
    code = invoke(sys.argv[1:])
    sys.stdout.flush()
    sys.stderr.flush()
    helpers = sys.modules.get("cscomm.backends.process")
    if helpers is not None:  # os._exit skips the clean-up that would end them
        helpers.stop_helpers()
    os._exit(code)


def invoke(args: list[str], prog_name: str | None = None) -> int:
    """Run the command line ``args`` and return its exit status, printing what it prints
    (errors as one line), without exiting: for :func:`main`, and for the daemon, which runs
    its clients' commands (:mod:`cscomm.daemon.session`)."""
    try:
        code = cli.main(args, prog_name=prog_name, standalone_mode=False)
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
    return code if isinstance(code, int) else EXIT_CLEAN


def _exit_code(exc: SystemExit) -> int:
    """The status ``sys.exit(value)`` asks for, as the interpreter would give it."""
    if exc.code is None or isinstance(exc.code, int):
        return exc.code or EXIT_CLEAN
    _warn(str(exc.code))
    return EXIT_ERROR


@cli.command()
@click.option(
    "--host",
    help="Address to listen on [default: 127.0.0.1]; anything but loopback exposes drafts "
    "to the network, and must be given here.",
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
@click.option(
    "--print-token",
    is_flag=True,
    help="Print the token browser callers must send (made once, kept in "
    "$XDG_CONFIG_HOME/cscomm/token), and exit.",
)
def serve(
    host: str | None,
    port: int,
    max_bytes: int,
    allow_origins: tuple[str, ...],
    config_path: str | None,
    print_token: bool,
) -> None:
    """Serve checks as a local HTTP JSON API (for mail-client and helpdesk add-ins)."""
    from cscomm.server import ServerOptions, create_server
    from cscomm.server.app import DEFAULT_HOST
    from cscomm.server.token import load_token, token_path

    address = host or DEFAULT_HOST
    try:
        if print_token:
            click.echo(load_token(token_path()))
            return
        config = resolve_config(Path(config_path) if config_path else None)
        options = ServerOptions(
            address, port, max_bytes, frozenset(allow_origins), config, explicit_host=host is not None
        )
        server = create_server(options)
    except CscommError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    except OSError as exc:
        _warn(f"error: cannot listen on {address}:{port} ({exc.strerror or exc})")
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
    sending) or CSCOMM_FORCE=1 sends anyway, and "X-Cscomm-Ignore: CODE, ..." (removed too)
    skips those rules. If cscomm itself fails, the message is sent unchecked with a warning,
    unless --strict (exit 75).
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


@cli.group()
def daemon() -> None:
    """Keep a checker warm for check, sendmail and the git hook (config `daemon`)."""


@daemon.command("start")
@click.option(
    "--idle-timeout",
    type=click.FloatRange(min=0),
    default=900.0,
    show_default=True,
    metavar="SECONDS",
    help="Exit after this long without a request (0: never).",
)
@click.option("--foreground", is_flag=True, help="Run in this process (for a service manager).")
def daemon_start(idle_timeout: float, foreground: bool) -> None:
    """Start the daemon unless it runs, and wait until its models are loaded."""
    from cscomm.daemon.control import ControlError, start
    from cscomm.daemon.paths import UnsafeFolder

    if foreground:
        from cscomm.daemon.server import main as serve_here

        serve_here(["--idle-timeout", f"{idle_timeout:g}"])
    try:
        state, started = start(idle_timeout)
    except (ControlError, UnsafeFolder, OSError) as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"cscomm daemon: {'started' if started else 'already running'} ({_daemon_where(state)})")


@daemon.command("stop")
def daemon_stop() -> None:
    """Stop the daemon, if it runs."""
    from cscomm.daemon.control import ControlError, stop

    try:
        stopped = stop()
    except ControlError as exc:
        _warn(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    click.echo(f"cscomm daemon: {'stopped' if stopped else 'not running'}")


@daemon.command("status")
def daemon_status() -> None:
    """Say whether the daemon runs (exit 0) or not (exit 1), and what it holds."""
    from cscomm.daemon.control import status

    state = status()
    if state is None:
        click.echo("cscomm daemon: not running")
        sys.exit(EXIT_FINDINGS)
    click.echo(
        f"cscomm daemon: running ({_daemon_where(state)}); up {state['uptime']:g} s, "
        f"idle timeout {state['idle_timeout']:g} s, {state['requests']} requests served, "
        f"{state['linters']} warm checker{'s' * (state['linters'] != 1)}"
    )


def _daemon_where(state: dict[str, Any]) -> str:
    where = f"socket {state['socket']}" if state.get("socket") else f"port 127.0.0.1:{state['port']}"
    return f"pid {state['pid']}, {where}"
