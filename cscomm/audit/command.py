"""``cscomm audit``: score a team's reply history (see the README, "Auditing a team's history")."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import click

from cscomm.audit.mappings import SHAPES
from cscomm.errors import CscommError

EXIT_ERROR = 2
EXTRA = "pip install 'cscomm[audit]'"


@click.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the results (parquet/, jsonl/, summary.json, report.html).",
)
@click.option(
    "--settings",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Audit settings (TOML): [scorecard] weights and auto-fail, [mapping] fields, [mail] agents.",
)
@click.option("--mapping", type=click.Choice(SHAPES), help="Built-in mapping of JSONL/CSV exports.")
@click.option(
    "--agents", multiple=True, metavar="GLOB", help="Agents' mail addresses (e.g. '*@support.example.com')."
)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Processes.")
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Score on the Dask scheduler at ADDRESS (tcp://host:8786), or local:N for N local workers.",
)
@click.option(
    "--partition-size",
    type=click.IntRange(min=1),
    default=500,
    show_default=True,
    help="Replies per partition (the unit of work and of checkpoints).",
)
@click.option("--restart", is_flag=True, help="Discard the results in the output folder and start again.")
@click.option("--no-html", is_flag=True, help="Do not write report.html.")
@click.option("--no-redact", is_flag=True, help="Show personal data in the report's example replies.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="cscomm config file.")
@click.option("--isolated", is_flag=True, help="Ignore all cscomm config files.")
@click.option("-q", "--quiet", is_flag=True, help="No progress and no closing summary line.")
def audit(
    sources: tuple[Path, ...],
    out_dir: Path,
    settings: Path | None,
    mapping: str | None,
    agents: tuple[str, ...],
    jobs: int,
    dask_address: str | None,
    partition_size: int,
    restart: bool,
    no_html: bool,
    no_redact: bool,
    config_path: str | None,
    isolated: bool,
    quiet: bool,
) -> None:
    """Score every agent reply in mbox files, Maildirs, .eml folders and JSONL/CSV exports.

    Resumable: run it again on the same output folder and it continues where it stopped.
    """
    missing = _missing_modules(html=not no_html, dask=dask_address is not None)
    if missing:
        _fail(f"cscomm audit needs {', '.join(missing)} (the audit extra): {EXTRA}")
    from dataclasses import replace

    from cscomm.audit.progress import AuditProgress
    from cscomm.audit.run import run_audit
    from cscomm.audit.settings import load_settings
    from cscomm.config import resolve_config

    if dask_address is not None and jobs > 1:
        _fail("--jobs and --dask cannot be combined: with --dask, the cluster's workers score")
    client = None
    try:
        audit_settings = load_settings(settings, mapping)
        if agents:
            audit_settings = replace(audit_settings, mail=replace(audit_settings.mail, agents=agents))
        config = resolve_config(Path(config_path) if config_path else None, isolated=isolated)
        if dask_address is not None:
            from cscomm.audit.dask_engine import connect

            client = connect(dask_address)
        outcome = run_audit(
            list(sources),
            out_dir,
            settings=audit_settings,
            config=config,
            jobs=jobs,
            client=client,
            partition_size=partition_size,
            restart=restart,
            html=not no_html,
            redact=not no_redact,
            warn=lambda message: click.echo(f"cscomm: {message}", err=True),
            progress=AuditProgress(sys.stderr, enabled=not quiet),
        )
    except CscommError as exc:
        _fail(str(exc))
    finally:
        if client is not None:
            cluster = client.cluster if dask_address and dask_address.startswith("local:") else None
            client.close()
            if cluster is not None:
                cluster.close()
    overall = outcome.summary["overall"]
    if not quiet and overall["replies"]:
        low, high = overall["score"]["ci95"]
        resumed = f" ({outcome.resumed} done before)" if outcome.resumed else ""
        click.echo(
            f"Scored {outcome.scored} replies{resumed} into {out_dir}: mean score "
            f"{overall['score']['mean']:.1f} (95% CI {low:.1f}-{high:.1f}), "
            f"{overall['auto_fail']['count']} auto-failed.",
            err=True,
        )


def _missing_modules(*, html: bool, dask: bool) -> list[str]:
    wanted = ["pyarrow", *(["plotly"] if html else []), *(["distributed"] if dask else [])]
    return [name for name in wanted if importlib.util.find_spec(name) is None]


def _fail(message: str) -> None:
    click.echo(f"cscomm: error: {message}", err=True)
    sys.exit(EXIT_ERROR)
