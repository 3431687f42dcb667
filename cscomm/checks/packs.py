"""Load rule packs: folders of YAML files, one rule per file, plus a ``pack.yml``."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from cscomm.checks.base import Examples, validate_rule_class
from cscomm.checks.kinds import COMPARISONS, KINDS, DataRule, MetricRule, compile_phrases, compile_swaps
from cscomm.checks.user_regex import UserPattern, UserPatternError, compile_user_phrases, compile_user_swaps
from cscomm.document import OWN_PARTS, DocKind, PartKind
from cscomm.errors import RulePackError
from cscomm.findings import Category, Severity
from cscomm.fixes import Applicability
from cscomm.language_packs import KEYS as LANGUAGE_FORM_KEYS
from cscomm.language_packs import language_packs
from cscomm.resources import SAFE_LOADER

PACK_KEYS = {"name", "prefix", "category", "description", "language"}
COMMON_KEYS = {
    "code",
    "name",
    "kind",
    "category",
    "level",
    "scope",
    "message",
    "rationale",
    "guidelines",
    "examples",
    "samples",
    "options",
    "profiles",
    "ignorecase",
    "link",
    "opt-in",
    "any-language",
}
KIND_KEYS = {
    "existence": {"tokens", "exceptions", "word-bounded", "replace", "fix"},
    "substitution": {"swap", "fix", "word-bounded"},
    "required": {"tokens", "anchor", "unsure-in-notice", "language-forms"},
    "metric": {"metric", "unit", "condition"},
}
REQUIRED_KEYS = {"code", "name", "kind", "message", "rationale", "examples"}


def load_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as exc:
        raise RulePackError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise RulePackError(f"{path}{where}: invalid YAML ({getattr(exc, 'problem', exc)})") from None


def load_pack(folder: Path, *, builtin: bool = False) -> list[type[DataRule]]:
    """Every rule in ``folder`` (which must hold a ``pack.yml``). The patterns of a user
    pack (not ``builtin``) run on RE2 (:mod:`cscomm.checks.user_regex`)."""
    manifest_path = folder / "pack.yml"
    if not manifest_path.is_file():
        raise RulePackError(f"{folder}: not a rule pack (no pack.yml)")
    manifest = load_yaml(manifest_path)
    if not isinstance(manifest, dict):
        raise RulePackError(f"{manifest_path}: must be a mapping")
    _check_keys(manifest, PACK_KEYS, manifest_path)
    for key in ("name", "prefix"):
        if not isinstance(manifest.get(key), str):
            raise RulePackError(f"{manifest_path}: key {key!r} is required")
    _check_language(manifest.get("language"), manifest_path)
    return [
        build_rule(load_yaml(path), path, manifest, builtin=builtin)
        for path in sorted(folder.glob("*.yml"))
        if path.name != "pack.yml"
    ]


def _check_language(language: object, path: Path) -> None:
    """A pack limited to one language names English or a language that has a pack."""
    if language is None:
        return
    known = sorted({"en", *language_packs()})
    if language not in known:
        raise RulePackError(f"{path}: key 'language' must be one of {', '.join(known)}, not {language!r}")


def build_rule(data: Any, path: Path, pack: Mapping[str, Any], *, builtin: bool = False) -> type[DataRule]:
    """A rule class from one YAML mapping; errors name the file and the key."""
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule file must be a mapping")
    kind = data.get("kind")
    if kind not in KINDS:
        raise RulePackError(f"{path}: key 'kind' must be one of {', '.join(KINDS)}")
    _check_keys(data, COMMON_KEYS | KIND_KEYS[kind], path)
    for key in sorted(REQUIRED_KEYS - data.keys()):
        raise RulePackError(f"{path}: key {key!r} is required")
    code = str(data["code"])
    if not code.startswith(pack["prefix"]):
        raise RulePackError(f"{path}: code {code!r} must start with the pack prefix {pack['prefix']!r}")
    attrs: dict[str, Any] = {
        "code": code,
        "name": data["name"],
        "category": _enum(Category, data.get("category", pack.get("category", "")), path, "category"),
        "severity": _severity(data.get("level", "warning"), path),
        "opt_in": _boolean(data.get("opt-in", False), path, "opt-in"),
        "any_language": _boolean(data.get("any-language", False), path, "any-language") or "language" in pack,
        "languages": frozenset({str(pack["language"])}) if "language" in pack else frozenset(),
        "message": _message(data["message"], kind, path),
        "rationale": data["rationale"],
        "guidelines": tuple(data.get("guidelines", ())),
        "examples": _examples(data["examples"], path),
        "samples": _samples(data.get("samples") or {}, path),
        "options": dict(data.get("options") or {}),
        "profiles": _profiles(data.get("profiles") or {}, path),
        "scope": _scope(data.get("scope"), path),
        "pack": pack["name"],
        "origin": str(path),
    }
    attrs.update(_kind_attrs(kind, data, path, builtin))
    cls = type(_class_name(data["name"]), (KINDS[kind],), attrs)
    problems = validate_rule_class(cls, str(path))
    if problems:
        raise RulePackError(problems[0])
    return cls


def _kind_attrs(kind: str, data: dict[str, Any], path: Path, builtin: bool) -> dict[str, Any]:
    ignorecase = bool(data.get("ignorecase", True))
    if kind in ("existence", "required"):
        tokens = data.get("tokens")
        if kind == "existence" and not tokens:
            raise RulePackError(f"{path}: key 'tokens' is required for kind existence")
        bounded = bool(data.get("word-bounded", True))
        pattern = _compile(tokens, ignorecase, path, "tokens", bounded, builtin) if tokens else None
        attrs: dict[str, Any] = {"pattern": pattern}
        if kind == "existence" and data.get("exceptions"):
            attrs["exceptions"] = _compile(data["exceptions"], ignorecase, path, "exceptions", True, builtin)
        if kind == "existence" and "replace" in data:
            if not isinstance(data["replace"], str):
                raise RulePackError(f"{path}: key 'replace' must be a string (a re template)")
            attrs["replace"] = data["replace"]
            attrs["fixable"] = _applicability(data.get("fix", "unsafe"), path)
        elif "fix" in data:
            raise RulePackError(f"{path}: key 'fix' needs 'replace' in an existence rule")
        if kind == "required":
            attrs["anchor"] = data.get("anchor", "start")
            attrs["unsure_in_notice"] = _boolean(
                data.get("unsure-in-notice", False), path, "unsure-in-notice"
            )
            forms = data.get("language-forms", "")
            if forms and forms not in LANGUAGE_FORM_KEYS:
                choices = ", ".join(LANGUAGE_FORM_KEYS)
                raise RulePackError(f"{path}: key 'language-forms' must be one of {choices}")
            attrs["language_forms"] = forms
            if attrs["anchor"] not in ("start", "end"):
                raise RulePackError(f"{path}: key 'anchor' must be start or end")
        return attrs
    if kind == "substitution":
        swap = data.get("swap")
        if not isinstance(swap, dict) or not swap:
            raise RulePackError(f"{path}: key 'swap' must be a non-empty mapping")
        compile_all = compile_swaps if builtin else compile_user_swaps
        try:
            bounded = bool(data.get("word-bounded", True))
            pattern, *swaps = compile_all([str(bad) for bad in swap], ignorecase, bounded)
        except (re.error, UserPatternError) as exc:
            raise RulePackError(f"{path}: key 'swap': {_pattern_problem(exc)}") from None
        return {
            "pattern": pattern,
            "swaps": tuple(swaps),
            "replacements": tuple(str(good) for good in swap.values()),
            "fixable": _applicability(data.get("fix", "unsafe"), path),
        }
    metric, unit = data.get("metric", "words"), data.get("unit", "sentence")
    if metric not in MetricRule.METRICS:
        raise RulePackError(f"{path}: key 'metric' must be one of {', '.join(MetricRule.METRICS)}")
    if unit not in MetricRule.UNITS:
        raise RulePackError(f"{path}: key 'unit' must be one of {', '.join(MetricRule.UNITS)}")
    comparison = data.get("condition", ">")
    if comparison not in COMPARISONS:
        raise RulePackError(f"{path}: key 'condition' must be one of {', '.join(COMPARISONS)}")
    if "limit" not in (data.get("options") or {}):
        raise RulePackError(f"{path}: a metric rule needs options.limit")
    return {
        "metric": metric,
        "unit": unit,
        "comparison": comparison,
        "needs_nlp": unit == "sentence" or metric == "sentences",
    }


def _compile(
    phrases: Any, ignorecase: bool, path: Path, key: str, word_bounded: bool, builtin: bool
) -> re.Pattern[str] | UserPattern:
    if not isinstance(phrases, list) or not all(isinstance(p, str) and p for p in phrases):
        raise RulePackError(f"{path}: key {key!r} must be a list of phrases")
    try:
        if builtin:
            return compile_phrases(phrases, ignorecase, word_bounded)
        return compile_user_phrases(phrases, ignorecase, word_bounded)
    except (re.error, UserPatternError) as exc:
        raise RulePackError(f"{path}: key {key!r}: {_pattern_problem(exc)}") from None


def _pattern_problem(exc: Exception) -> str:
    if isinstance(exc, UserPatternError):
        return (
            f"RE2 cannot compile a pattern ({exc}); user packs run on RE2, which has no "
            "look-around or back-references (write \\z for Python's \\Z)"
        )
    return f"bad pattern ({exc})"


PLACEHOLDERS = {
    "existence": ("match",),
    "substitution": ("match", "replacement"),
    "required": ("match",),
    "metric": ("value", "limit"),
}
"""The ``{placeholders}`` a rule's message may use, by kind (each filled with text)."""


def _message(value: Any, kind: str, path: Path) -> str:
    """A rule's message, checked now: a placeholder it cannot fill would crash every check."""
    names = PLACEHOLDERS[kind]
    if not isinstance(value, str) or not value:
        raise RulePackError(f"{path}: key 'message' must be a non-empty string")
    try:
        value.format(**dict.fromkeys(names, "text"))
    except KeyError as exc:
        problem = f"unknown placeholder {{{exc.args[0]}}}"
    except IndexError:
        problem = "a placeholder without a name ({})"
    except (ValueError, AttributeError) as exc:
        problem = str(exc)
    else:
        return value
    allowed = ", ".join(f"{{{name}}}" for name in names)
    raise RulePackError(f"{path}: key 'message': {problem}; a {kind} rule's message may use {allowed}")


def _check_keys(data: Mapping[str, Any], allowed: set[str], path: Path) -> None:
    for key in data:
        if key not in allowed:
            close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise RulePackError(f"{path}: key {key!r} is not allowed{hint}")


def _enum(enum: type[Category], value: Any, path: Path, key: str) -> Category:
    try:
        return enum(value)
    except ValueError:
        names = ", ".join(e.value for e in enum)
        raise RulePackError(f"{path}: key {key!r} must be one of {names}") from None


def _severity(value: Any, path: Path) -> Severity:
    try:
        return Severity.parse(str(value))
    except ValueError as exc:
        raise RulePackError(f"{path}: key 'level': {exc}") from None


def _applicability(value: Any, path: Path) -> Applicability:
    """A rule's ``fix`` key: ``safe`` (``--fix`` applies it) or ``unsafe`` (the default)."""
    try:
        return Applicability(value)
    except ValueError:
        raise RulePackError(f"{path}: key 'fix' must be safe or unsafe") from None


def _boolean(value: Any, path: Path, key: str) -> bool:
    if not isinstance(value, bool):
        raise RulePackError(f"{path}: key {key!r} must be true or false")
    return value


def _scope(value: Any, path: Path) -> frozenset[PartKind]:
    if value is None:
        return OWN_PARTS
    try:
        return frozenset(PartKind(v) for v in value)
    except (TypeError, ValueError):
        names = ", ".join(p.value for p in PartKind)
        raise RulePackError(f"{path}: key 'scope' must list parts from: {names}") from None


def _profiles(value: Any, path: Path) -> dict[str, dict[str, Any]]:
    kinds = {k.value for k in DocKind}
    if not isinstance(value, dict) or not set(value) <= kinds:
        raise RulePackError(f"{path}: key 'profiles' must map {', '.join(sorted(kinds))} to options")
    return {k: dict(v or {}) for k, v in value.items()}


def _examples(value: Any, path: Path) -> Examples:
    if not isinstance(value, dict) or not value.get("fail") or not value.get("pass"):
        raise RulePackError(f"{path}: key 'examples' needs non-empty 'fail' and 'pass' lists")
    kind = DocKind(value["kind"]) if value.get("kind") else None
    return Examples(tuple(value["fail"]), tuple(value["pass"]), kind)


def _samples(value: Any, path: Path) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(v, str | int | float) for v in value.values()):
        raise RulePackError(f"{path}: key 'samples' must map placeholders of the message to values")
    return {str(k): str(v) for k, v in value.items()}


def _class_name(name: str) -> str:
    return "".join(word.capitalize() for word in name.split("-"))
