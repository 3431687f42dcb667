"""Configuration: ``[tool.cscomm]`` in pyproject.toml, or ``.cscomm.toml``/``cscomm.toml``.

The nearest file above the checked file wins (the search stops at a ``.git`` folder);
command-line options override it. Unknown keys and bad values are errors naming the
file and the key.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cscomm.backends import BACKEND_NAMES
from cscomm.config_files import find_config_file
from cscomm.document import DocKind
from cscomm.errors import ConfigError
from cscomm.findings import Severity
from cscomm.globs import anchor
from cscomm.limits import DEFAULT_MAX_BYTES
from cscomm.links import DEFAULT_DOCS_URL, docs_url_problem

DAEMON_MODES = ("auto", "off")


@dataclass(frozen=True, slots=True)
class Config:
    """Settings for a run. ``source`` names the file they came from, if any."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.WARNING
    kind: DocKind | None = None
    language: str = "en"
    model: str | None = None
    packs: tuple[Path, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    rules: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    backend: str = "harper"
    languagetool_url: str | None = None
    dictionary: tuple[str, ...] = ()
    dictionary_files: tuple[Path, ...] = ()
    ignore_backend_rules: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    """Globs of files and folders a folder's walk skips (see :mod:`cscomm.globs`)."""
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    report_unused_ignores: bool = False
    strict: bool = False
    sendmail: str | None = None
    report_file: Path | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    """The largest draft checked, in bytes of text; larger ones are input errors."""
    docs_url: str = DEFAULT_DOCS_URL
    """Each finding's ``url``: a template with ``{code}`` or ``{name}`` (see :mod:`cscomm.links`)."""
    daemon: str = "auto"
    """``auto``: check, sendmail and the git hook use the warm daemon, starting it on first
    use; ``off``: always check in-process (see :mod:`cscomm.daemon`)."""
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The settings under their config-file keys, as JSON values."""
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, Path):
                value = str(value)
            elif isinstance(value, Severity):
                value = value.name.lower()
            elif isinstance(value, DocKind):
                value = value.value
            elif isinstance(value, tuple):
                value = [str(v) for v in value]
            elif isinstance(value, Mapping):
                value = {k: _json_value(v) for k, v in value.items()}
            out[name.replace("_", "-")] = value
        return out

    def merged(self, **overrides: Any) -> Config:
        """A copy with the non-``None`` overrides applied (command-line options)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _json_value(value: Any) -> Any:
    """A value of a config table (a severity, a list of rules, a rule's options) as JSON."""
    if isinstance(value, Severity):
        return value.name.lower()
    return list(value) if isinstance(value, tuple) else dict(value)


def resolve_config(path: Path | None = None, *, isolated: bool = False, start: Path | None = None) -> Config:
    """The config file given, else none (``isolated``), else the nearest one above
    ``start`` (default: the current folder), else the defaults."""
    if path is not None:
        return load_config(path)
    if isolated:
        return Config()
    found = find_config_file(start or Path.cwd())
    return load_config(found) if found else Config()


def load_config(path: Path) -> Config:
    """Read and validate one config file."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("cscomm", {})
    return parse_config(data, str(path), base=path.parent)


def parse_config(data: Mapping[str, Any], source: str, base: Path = Path(".")) -> Config:
    """Validate a config mapping (kebab-case keys) into a :class:`Config`."""
    readers: dict[str, Callable[[Any, str], Any]] = {
        "select": lambda v, k: _strings(v, source, k),
        "ignore": lambda v, k: _strings(v, source, k),
        "fail-on": lambda v, k: _severity(v, source, k),
        "kind": lambda v, k: _kind(v, source, k),
        "language": lambda v, k: _string(v, source, k),
        "model": lambda v, k: _string(v, source, k),
        "packs": lambda v, k: tuple(base / p for p in _strings(v, source, k)),
        "severity": lambda v, k: _severities(v, source, k),
        "rules": lambda v, k: _rule_tables(v, source, k),
        "backend": lambda v, k: _choice(v, source, k, BACKEND_NAMES),
        "languagetool-url": lambda v, k: _http_url(v, source, k),
        "dictionary": lambda v, k: _strings(v, source, k),
        "dictionary-files": lambda v, k: tuple(base / p for p in _strings(v, source, k)),
        "ignore-backend-rules": lambda v, k: _strings(v, source, k),
        "exclude": lambda v, k: tuple(anchor(g, base) for g in _strings(v, source, k)),
        "per-file-ignores": lambda v, k: _path_ignores(v, source, k, base),
        "report-unused-ignores": lambda v, k: _boolean(v, source, k),
        "strict": lambda v, k: _boolean(v, source, k),
        "sendmail": lambda v, k: _string(v, source, k),
        "report-file": lambda v, k: base / Path(_string(v, source, k)).expanduser(),
        "max-bytes": lambda v, k: _positive_int(v, source, k),
        "docs-url": lambda v, k: _docs_url(v, source, k),
        "daemon": lambda v, k: _choice(v, source, k, DAEMON_MODES),
    }
    values: dict[str, Any] = {"source": source}
    for key, value in data.items():
        if key not in readers:
            close = difflib.get_close_matches(key, list(readers), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise ConfigError(f"{source}: unknown key {key!r}{hint}")
        values[key.replace("-", "_")] = readers[key](value, key)
    return Config(**values)


def _string(value: Any, source: str, key: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{source}: key {key!r} must be a non-empty string")
    return value


def _positive_int(value: Any, source: str, key: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ConfigError(f"{source}: key {key!r} must be a positive whole number")
    return value


def _http_url(value: Any, source: str, key: str) -> str:
    try:
        parts = urlsplit(_string(value, source, key))
        host = parts.hostname
    except ValueError:
        host = None
    if host is None or parts.scheme not in ("http", "https"):
        raise ConfigError(f"{source}: key {key!r} must be an http:// or https:// URL with a host")
    return str(value)


def _docs_url(value: Any, source: str, key: str) -> str:
    problem = docs_url_problem(_string(value, source, key))
    if problem:
        raise ConfigError(f"{source}: key {key!r} {problem}")
    return str(value)


def _choice(value: Any, source: str, key: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise ConfigError(f"{source}: key {key!r} must be one of {', '.join(choices)}")
    return str(value)


def _boolean(value: Any, source: str, key: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{source}: key {key!r} must be true or false")
    return value


def _strings(value: Any, source: str, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{source}: key {key!r} must be a list of strings")
    return tuple(value)


def _severity(value: Any, source: str, key: str) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise ConfigError(f"{source}: key {key!r}: {exc}") from None


def _kind(value: Any, source: str, key: str) -> DocKind:
    try:
        return DocKind(value)
    except ValueError:
        names = ", ".join(k.value for k in DocKind)
        raise ConfigError(f"{source}: key {key!r} must be one of {names}") from None


def _severities(value: Any, source: str, key: str) -> dict[str, Severity]:
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: key {key!r} must be a table of rule = severity")
    return {rule: _severity(level, source, f"{key}.{rule}") for rule, level in value.items()}


def _path_ignores(value: Any, source: str, key: str, base: Path) -> dict[str, tuple[str, ...]]:
    """Glob → rules. A glob with a folder in it is anchored at the config file's folder
    (made absolute); one without is matched against file names, as in .gitignore."""
    if not isinstance(value, dict):
        raise ConfigError(f"{source}: key {key!r} must be a table of glob = [rules]")
    return {anchor(glob, base): _strings(rules, source, f"{key}.{glob}") for glob, rules in value.items()}


def _rule_tables(value: Any, source: str, key: str) -> dict[str, dict[str, Any]]:
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(f"{source}: key {key!r} must hold one table per rule ([{key}.<name>])")
    return {rule: dict(options) for rule, options in value.items()}
