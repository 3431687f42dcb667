"""The settings of an audit: a TOML file with ``[scorecard]``, ``[mapping]`` and ``[mail]``.

Example (``examples/audit/audit.toml`` has every key)::

    [scorecard]
    weights = { questions = 3, tone = 2 }
    auto-fail = ["send_stoppers", "tone"]

    [mapping]
    preset = "ticket-comments"
    agent = "author.email"

    [mail]
    agents = ["*@support.example.com"]
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cscomm.audit.mappings import BUILT_IN, FieldMapping, mapping_from_table
from cscomm.audit.scorecard import Scorecard, scorecard_from_table
from cscomm.audit.threads import MailOptions
from cscomm.errors import ConfigError


@dataclass(frozen=True, slots=True)
class AuditSettings:
    """How replies are found (mapping, mail) and scored (scorecard)."""

    scorecard: Scorecard = field(default_factory=Scorecard)
    mapping: FieldMapping = BUILT_IN["ticket-comments"]
    mail: MailOptions = field(default_factory=MailOptions)


def load_settings(path: Path | None, preset: str | None = None) -> AuditSettings:
    """Read an audit settings file (none: the defaults); ``preset`` picks the built-in
    mapping when the file sets none."""
    data: dict[str, Any] = {}
    source = str(path)
    if path is not None:
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    unknown = set(data) - {"scorecard", "mapping", "mail"}
    if unknown:
        raise ConfigError(f"{source}: unknown table [{sorted(unknown)[0]}] (known: scorecard, mapping, mail)")
    mapping_table = dict(_table(data, "mapping", source))
    if preset is not None:
        mapping_table.setdefault("preset", preset)
    return AuditSettings(
        scorecard_from_table(_table(data, "scorecard", source), source),
        mapping_from_table(mapping_table, source),
        _mail(_table(data, "mail", source), source),
    )


def _table(data: Mapping[str, Any], key: str, source: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"{source}: {key} must be a table")
    return value


def _mail(table: Mapping[str, Any], source: str) -> MailOptions:
    keys = {"agents": "agents", "team-header": "team_header", "macro-header": "macro_header"}
    keys["ticket-header"] = "ticket_header"
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in keys:
            raise ConfigError(f"{source}: unknown key mail.{key}")
        if key == "agents":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ConfigError(f"{source}: mail.agents must be a list of address globs")
            values["agents"] = tuple(value)
        elif not isinstance(value, str):
            raise ConfigError(f"{source}: mail.{key} must be a header name")
        else:
            values[keys[key]] = value
    return MailOptions(**values)
