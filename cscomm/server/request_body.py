"""Validate the body of ``POST /v1/check``: every bad field is a 400 that names it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from cscomm.document import DocKind
from cscomm.draft import Draft
from cscomm.errors import InputError
from cscomm.fixes import Applicability
from cscomm.messages import draft_from_message
from cscomm.server.errors import bad_request

REQUEST_FIELDS = ("draft", "message", "customer_message", "kind", "config", "path", "fix")


def parse_check_request(body: Any) -> tuple[Draft, dict[str, Any] | None]:
    """Validate a ``POST /v1/check`` body into a draft and the request's config keys."""
    if not isinstance(body, dict):
        raise bad_request("the body must be a JSON object")
    unknown = [key for key in body if key not in REQUEST_FIELDS]
    if unknown:
        raise bad_request(f"unknown field {unknown[0]!r} (fields: {', '.join(REQUEST_FIELDS)})")
    given = [key for key in ("draft", "message") if body.get(key) is not None]
    if len(given) != 1:
        raise bad_request("give exactly one of 'draft' (the reply text) or 'message' (raw RFC 822)")
    text = _text(body, given[0])
    incoming = _optional_text(body, "customer_message")
    path = _optional_text(body, "path")
    kind = _kind(body.get("kind"))
    config = body.get("config")
    if config is not None and not isinstance(config, dict):
        raise bad_request("field 'config' must be an object of config keys or null")
    if given[0] == "message":
        try:
            draft = draft_from_message(text.encode("utf-8"), path or "<message>", incoming)
        except InputError as exc:
            raise bad_request(str(exc), "invalid-input") from None
        return replace(draft, kind=kind), config
    return Draft(text, path or "<text>", incoming, kind), config


def parse_fix(body: Mapping[str, Any]) -> Applicability | None:
    """The request's ``fix``: ``"safe"`` or ``"unsafe"`` (also the unsafe fixes), or none."""
    value = body.get("fix")
    if value is None:
        return None
    try:
        return Applicability(value)
    except ValueError:
        raise bad_request("field 'fix' must be 'safe', 'unsafe' or null") from None


def _text(body: Mapping[str, Any], key: str) -> str:
    value = body[key]
    if not isinstance(value, str):
        raise bad_request(f"field {key!r} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise bad_request(f"field {key!r} is not valid Unicode") from None
    return value


def _optional_text(body: Mapping[str, Any], key: str) -> str | None:
    return None if body.get(key) is None else _text(body, key)


def _kind(value: Any) -> DocKind | None:
    if value is None:
        return None
    try:
        return DocKind(value)
    except ValueError:
        names = ", ".join(k.value for k in DocKind)
        raise bad_request(f"field 'kind' must be one of {names} or null") from None
