"""The ``cscomm serve`` HTTP JSON API: routing, request validation, errors and CORS.

One :class:`Checker` holds the Linters (one per request configuration, all sharing
the process's spaCy pipeline) and runs one check at a time, because spaCy pipelines
are not safe to call from several threads at once. Nothing is sent anywhere: the
server only answers the client that asked.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import re
import socket
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

from cscomm import __version__
from cscomm.autofix import Fixed, fix_source
from cscomm.config import Config, parse_config
from cscomm.document import DocKind
from cscomm.draft import Draft
from cscomm.engine import Linter
from cscomm.errors import BackendError, ConfigError, InputError
from cscomm.fixes import Applicability
from cscomm.limits import check_size
from cscomm.messages import draft_from_message
from cscomm.report import Report
from cscomm.sources import Source

log = logging.getLogger(__name__)

REQUEST_FIELDS = ("draft", "message", "customer_message", "kind", "config", "path", "fix")
REQUEST_CONFIG_KEYS = (
    "select",
    "ignore",
    "fail-on",
    "kind",
    "language",
    "severity",
    "rules",
    "dictionary",
    "ignore-backend-rules",
    "strict",
)
"""Config keys a request may set; the others choose programs, files or hosts on this machine."""
REQUEST_CONFIG = "request config"
LINTER_CACHE_SIZE = 16
_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/?#\s]+", re.IGNORECASE)


class ApiError(Exception):
    """An error answered as ``{"error": {"code", "message"}}`` with an HTTP status."""

    def __init__(
        self, status: HTTPStatus, code: str, message: str, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})


def _bad_request(message: str, code: str = "invalid-request") -> ApiError:
    return ApiError(HTTPStatus.BAD_REQUEST, code, message)


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How to serve: address, body limit, allowed browser origins, base configuration."""

    host: str = "127.0.0.1"
    port: int = 8765
    max_bytes: int = 1_000_000
    allow_origins: frozenset[str] = frozenset()
    config: Config = field(default_factory=Config)


class Checker:
    """Linters by request configuration (least recently used dropped); one check at a time."""

    def __init__(self, base: Config) -> None:
        self.base = base
        self.linter = Linter(base)
        self._linters: OrderedDict[str, Linter] = OrderedDict()
        self._lock = threading.Lock()

    def warm_up(self) -> None:
        """Load the model and the grammar backend before the first request."""
        with self._lock:
            self.linter.warm_up()

    def check(self, draft: Draft, config: Mapping[str, Any] | None) -> Report:
        with self._lock:
            linter = self._linter_for(config)
            check_size(draft.text, draft.path, linter.config.max_bytes)
            return Report((linter.check_many([draft])[0],))

    def fix(
        self, draft: Draft, message: bytes | None, config: Mapping[str, Any] | None, unsafe: bool
    ) -> Fixed:
        """``draft`` (or the raw ``message`` it was read from) with its fixes applied."""
        if message is None:
            source = Source(draft.text, draft.path, draft.text.encode("utf-8"))
        else:
            source = Source(message.decode("utf-8"), draft.path, message)

        def make_draft(fixed: Source) -> Draft:
            if message is None:
                return replace(draft, text=fixed.text)
            read = draft_from_message(fixed.raw, draft.path, draft.incoming)
            return replace(read, kind=draft.kind)

        with self._lock:
            linter = self._linter_for(config)
            return fix_source(linter, source, make_draft, unsafe=unsafe, message=message is not None)

    def _linter_for(self, data: Mapping[str, Any] | None) -> Linter:
        if not data:
            return self.linter
        key = json.dumps(data, sort_keys=True, separators=(",", ":"))
        linter = self._linters.get(key)
        if linter is None:
            linter = Linter(self._config(data))
            self._linters[key] = linter
            if len(self._linters) > LINTER_CACHE_SIZE:
                self._linters.popitem(last=False)
        self._linters.move_to_end(key)
        return linter

    def _config(self, data: Mapping[str, Any]) -> Config:
        """The server's configuration with the request's keys replaced."""
        parsed = parse_config(data, REQUEST_CONFIG)
        for key in data:
            if key not in REQUEST_CONFIG_KEYS:
                raise ConfigError(
                    f"{REQUEST_CONFIG}: key {key!r} can only be set in the server's --config file"
                )
        names = [key.replace("-", "_") for key in data]
        return replace(self.base, source=REQUEST_CONFIG, **{n: getattr(parsed, n) for n in names})


def parse_check_request(body: Any) -> tuple[Draft, dict[str, Any] | None]:
    """Validate a ``POST /v1/check`` body into a draft and the request's config keys."""
    if not isinstance(body, dict):
        raise _bad_request("the body must be a JSON object")
    unknown = [key for key in body if key not in REQUEST_FIELDS]
    if unknown:
        raise _bad_request(f"unknown field {unknown[0]!r} (fields: {', '.join(REQUEST_FIELDS)})")
    given = [key for key in ("draft", "message") if body.get(key) is not None]
    if len(given) != 1:
        raise _bad_request("give exactly one of 'draft' (the reply text) or 'message' (raw RFC 822)")
    text = _text(body, given[0])
    incoming = _optional_text(body, "customer_message")
    path = _optional_text(body, "path")
    kind = _kind(body.get("kind"))
    config = body.get("config")
    if config is not None and not isinstance(config, dict):
        raise _bad_request("field 'config' must be an object of config keys or null")
    if given[0] == "message":
        try:
            draft = draft_from_message(text.encode("utf-8"), path or "<message>", incoming)
        except InputError as exc:
            raise _bad_request(str(exc), "invalid-input") from None
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
        raise _bad_request("field 'fix' must be 'safe', 'unsafe' or null") from None


def _text(body: Mapping[str, Any], key: str) -> str:
    value = body[key]
    if not isinstance(value, str):
        raise _bad_request(f"field {key!r} must be a string")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad_request(f"field {key!r} is not valid Unicode") from None
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
        raise _bad_request(f"field 'kind' must be one of {names} or null") from None


def check_origin(origin: str) -> str:
    """An ``--allow-origin`` value as browsers send it: ``scheme://host[:port]``, ``null`` or ``*``."""
    if origin in ("*", "null") or _ORIGIN.fullmatch(origin):
        return origin
    raise ConfigError(f"--allow-origin {origin!r}: expected scheme://host[:port] with no path, 'null' or '*'")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class ApiServer(ThreadingHTTPServer):
    """The HTTP server: options, the checker, and the documents served as they are."""

    def __init__(self, options: ServerOptions, checker: Checker) -> None:
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        self.options = options
        self.checker = checker
        self.openapi = _openapi_document()
        self.rules = _dump([rule.describe() for rule in checker.linter.registry.rules])
        super().__init__((options.host, options.port), Handler)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection failed outside a handler (e.g. the client went away): one log line."""
        log.debug("connection from %s failed", client_address[0], exc_info=True)


def create_server(options: ServerOptions) -> ApiServer:
    """Bind, then load the model and the grammar backend; the caller runs ``serve_forever()``."""
    for origin in options.allow_origins:
        check_origin(origin)
    if not is_loopback(options.host):
        log.warning(
            "listening on %s, which is not a loopback address: other machines can send "
            "drafts to this API and read the results",
            options.host,
        )
    if "*" in options.allow_origins:
        log.warning("--allow-origin '*': any web page open in a browser here can use this API")
    server = ApiServer(options, Checker(options.config))
    try:
        server.checker.warm_up()
    except BaseException:
        server.server_close()
        raise
    return server


def _openapi_document() -> bytes:
    document = json.loads(resources.files("cscomm.server").joinpath("openapi.json").read_text("utf-8"))
    document["info"]["version"] = __version__
    return _dump(document)


def _dump(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


class Handler(BaseHTTPRequestHandler):
    """One request: route it, answer JSON, add CORS headers for allowed origins."""

    server: ApiServer
    timeout = 30

    def version_string(self) -> str:
        return f"cscomm/{__version__}"

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        route = ROUTES.get(urlsplit(self.path).path)
        try:
            if route is None:
                raise ApiError(HTTPStatus.NOT_FOUND, "not-found", f"no such path: {self.path}")
            if self.command == "OPTIONS":
                self._options(route)
                return
            action = route.get(self.command)
            if action is None:
                raise ApiError(
                    HTTPStatus.METHOD_NOT_ALLOWED,
                    "method-not-allowed",
                    f"{self.command} is not allowed here (allowed: {_allow(route)})",
                    {"Allow": _allow(route)},
                )
            self._send(HTTPStatus.OK, action(self))
        except ApiError as exc:
            self._send_error(exc)
        except (ConnectionError, TimeoutError):
            raise  # the client went away or stalled: http.server closes the connection
        except Exception as exc:  # a bug: answer 500 and keep serving
            log.error("internal error on %s %s: %s: %s", self.command, self.path, type(exc).__name__, exc)
            log.debug("details", exc_info=True)
            self._send_error(
                ApiError(
                    HTTPStatus.INTERNAL_SERVER_ERROR,
                    "internal-error",
                    f"internal error ({type(exc).__name__}); see the server log",
                )
            )

    def _options(self, route: Route) -> None:
        """CORS preflight: 204 for allowed origins, 403 for others; plain OPTIONS: 204."""
        origin = self.headers.get("Origin")
        preflight = origin is not None and "Access-Control-Request-Method" in self.headers
        if preflight and not self._allowed(origin or ""):
            raise ApiError(
                HTTPStatus.FORBIDDEN,
                "origin-not-allowed",
                f"origin {origin!r} is not allowed; start the server with --allow-origin",
            )
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", _allow(route))
        if preflight:
            self.send_header("Access-Control-Allow-Methods", _allow(route))
            self.send_header("Access-Control-Allow-Headers", "Content-Type")
            self.send_header("Access-Control-Max-Age", "600")
            if self.headers.get("Access-Control-Request-Private-Network") == "true":
                self.send_header("Access-Control-Allow-Private-Network", "true")
        self._cors_headers()
        self.send_header("Content-Length", "0")
        self.end_headers()

    def read_json(self) -> Any:
        """The request body as JSON; the length is checked before anything is read."""
        if "Transfer-Encoding" in self.headers or self.headers.get("Content-Length") is None:
            raise ApiError(
                HTTPStatus.LENGTH_REQUIRED,
                "length-required",
                "send the body with a Content-Length header (chunked bodies are not accepted)",
            )
        try:
            length = int(self.headers["Content-Length"])
            if length < 0:
                raise ValueError(length)
        except ValueError:
            raise _bad_request("Content-Length must be a non-negative integer") from None
        limit = self.server.options.max_bytes
        if length > limit:
            raise ApiError(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                "body-too-large",
                f"the body has {length} bytes; the limit is {limit} (serve --max-bytes)",
            )
        media_type = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media_type != "application/json":
            raise ApiError(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                "send the body as application/json",
            )
        data = self.rfile.read(length)
        if len(data) < length:
            raise _bad_request(f"the body ended after {len(data)} of {length} bytes")
        try:
            return json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise _bad_request(f"the body is not valid JSON ({exc})", "invalid-json") from None

    def _send(self, status: HTTPStatus, payload: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self._cors_headers()
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def _send_error(self, error: ApiError) -> None:
        self.close_connection = True  # an unread body must not be taken for the next request
        body = {"error": {"code": error.code, "message": error.message}}
        self._send(error.status, _dump(body), error.headers)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Errors found by http.server itself (bad request line, unknown method): JSON too."""
        status = HTTPStatus(code)
        self._send_error(ApiError(status, status.phrase.lower().replace(" ", "-"), message or status.phrase))

    def _cors_headers(self) -> None:
        headers = getattr(self, "headers", None)  # unset when the request line was bad
        origin = headers.get("Origin") if headers is not None else None
        if origin is None or not self._allowed(origin):
            return
        wildcard = "*" in self.server.options.allow_origins
        self.send_header("Access-Control-Allow-Origin", "*" if wildcard else origin)
        self.send_header("Vary", "Origin")

    def _allowed(self, origin: str) -> bool:
        allowed = self.server.options.allow_origins
        return "*" in allowed or origin in allowed

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


Action = Callable[[Handler], bytes]
Route = Mapping[str, Action]


def _check(handler: Handler) -> bytes:
    body = handler.read_json()
    draft, config = parse_check_request(body)
    fix = parse_fix(body)
    checker = handler.server.checker
    try:
        if fix is None:
            return _dump(checker.check(draft, config).to_dict())
        message = body["message"].encode("utf-8") if body.get("message") is not None else None
        fixed = checker.fix(draft, message, config, unsafe=fix is Applicability.UNSAFE)
    except ConfigError as exc:
        raise _bad_request(str(exc), "invalid-config") from None
    except InputError as exc:
        raise _bad_request(str(exc), "invalid-input") from None
    except BackendError as exc:
        raise ApiError(HTTPStatus.SERVICE_UNAVAILABLE, "backend-unavailable", str(exc)) from None
    return _dump(_fixed_report(fixed))


def _fixed_report(fixed: Fixed) -> dict[str, Any]:
    """The report of what remains after fixing, its file carrying the fixed text."""
    report = Report((fixed.report,)).to_dict()
    text = fixed.source.raw.decode("utf-8", "replace") if fixed.is_message else fixed.source.text
    report["files"][0]["fixed"] = {"text": text, "count": fixed.count}
    if fixed.warning:
        report["files"][0]["fixed"]["warning"] = fixed.warning
    return report


def _health(handler: Handler) -> bytes:
    return _dump({"status": "ok", "version": __version__})


def _rules(handler: Handler) -> bytes:
    return handler.server.rules


def _openapi(handler: Handler) -> bytes:
    return handler.server.openapi


def _allow(route: Route) -> str:
    return ", ".join([*route, "OPTIONS"])


ROUTES: dict[str, Route] = {
    "/v1/check": {"POST": _check},
    "/v1/health": {"GET": _health},
    "/v1/rules": {"GET": _rules},
    "/openapi.json": {"GET": _openapi},
}
