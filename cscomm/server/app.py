"""The ``cscomm serve`` HTTP JSON API: routing, errors, access checks and CORS.

Each request passes :class:`~cscomm.server.security.Gate` (Host, Origin, token) before
it is routed; checks run one at a time in :class:`~cscomm.server.checker.Checker`.
Nothing is sent anywhere: the server only answers the client that asked.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from http import HTTPStatus
from importlib import resources
from typing import Any

from cscomm import __version__
from cscomm.autofix import Fixed
from cscomm.config import Config
from cscomm.errors import BackendError, ConfigError, InputError
from cscomm.fixes import Applicability
from cscomm.report import Report
from cscomm.server.checker import Checker
from cscomm.server.errors import ApiError, bad_request
from cscomm.server.request_body import parse_check_request, parse_fix
from cscomm.server.security import Gate, check_origin, is_loopback
from cscomm.server.token import load_token, token_path
from cscomm.server.transport import DeadlineHandler, PooledHTTPServer

log = logging.getLogger(__name__)

DEFAULT_HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class ServerOptions:
    """How to serve: address, body limit, allowed browser origins, base configuration.

    ``explicit_host`` says the user named ``host`` (``--host``): only then may it be an
    address other than loopback. ``token`` is the per-install token browser callers send;
    ``None`` reads (or first makes) the one in :func:`~cscomm.server.token.token_path`.
    ``request_timeout`` bounds reading each request, and writing each answer, in seconds.
    """

    host: str = DEFAULT_HOST
    port: int = 8765
    max_bytes: int = 1_000_000
    allow_origins: frozenset[str] = frozenset()
    config: Config = field(default_factory=Config)
    explicit_host: bool = False
    token: str | None = None
    request_timeout: float = 10.0


class ApiServer(PooledHTTPServer):
    """The HTTP server: options, access checks, the checker, and the documents served as they are."""

    def __init__(self, options: ServerOptions, gate: Gate, checker: Checker) -> None:
        if ":" in options.host:
            self.address_family = socket.AF_INET6
        self.options = options
        self.gate = gate
        self.checker = checker
        self.openapi = _openapi_document()
        self.rules = _dump([rule.describe() for rule in checker.linter.registry.rules])
        super().__init__((options.host, options.port), Handler)

    @property
    def url(self) -> str:
        host, port = self.socket.getsockname()[:2]
        return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def server_close(self) -> None:
        super().server_close()
        self.checker.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A connection failed outside a handler (e.g. the client went away): one log line."""
        log.debug("connection from %s failed", client_address[0], exc_info=True)


def create_server(options: ServerOptions) -> ApiServer:
    """Bind, then load the model and the grammar backend; the caller runs ``serve_forever()``.

    Raises:
        ConfigError: an origin is malformed, the host is not loopback and was not given
            explicitly, or the token file cannot be made or read.
    """
    for origin in options.allow_origins:
        check_origin(origin)
    if not is_loopback(options.host):
        if not options.explicit_host:
            raise ConfigError(
                f"refusing to listen on {options.host}, which is not a loopback address; "
                "give it with --host to expose the API to other machines"
            )
        log.warning(
            "listening on %s, which is not a loopback address: other machines can send "
            "drafts to this API and read the results (they must send the token)",
            options.host,
        )
    if "*" in options.allow_origins:
        log.warning("--allow-origin '*': any web page open in a browser here can use this API")
    token = options.token or load_token(token_path())
    gate = Gate(options.host, options.allow_origins, token)
    server = ApiServer(options, gate, Checker(options.config))
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


class Handler(DeadlineHandler):
    """One request: check who sends it, route it, answer JSON, add CORS headers for allowed origins."""

    server: ApiServer

    def setup(self) -> None:
        self.request_timeout = self.server.options.request_timeout
        super().setup()

    def version_string(self) -> str:
        return f"cscomm/{__version__}"

    def do_GET(self) -> None:
        self._dispatch()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = do_GET

    def _dispatch(self) -> None:
        try:
            self.server.gate.check_host(self.headers.get("Host"), self.request_version)
            route = ROUTES.get(self.path.partition("?")[0])
            if route is None:
                raise ApiError(HTTPStatus.NOT_FOUND, "not-found", f"no such path: {self.path}")
            if self.command == "OPTIONS":
                self._options(route)
                return
            self.server.gate.check_caller(
                self.headers.get("Origin"), self.headers.get("Authorization"), self.client_address[0]
            )
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
        if preflight and not self.server.gate.allows(origin or ""):
            raise ApiError(
                HTTPStatus.FORBIDDEN,
                "origin-not-allowed",
                f"origin {origin!r} is not allowed; start the server with --allow-origin",
            )
        self.restart_deadline()
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", _allow(route))
        if preflight:
            self.send_header("Access-Control-Allow-Methods", _allow(route))
            self.send_header("Access-Control-Allow-Headers", "Authorization, Content-Type")
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
            raise bad_request("Content-Length must be a non-negative integer") from None
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
        try:
            data = self.rfile.read(length)
        except TimeoutError:
            raise ApiError(
                HTTPStatus.REQUEST_TIMEOUT,
                "request-timeout",
                f"the request did not arrive within {self.request_timeout:g} s",
            ) from None
        if len(data) < length:
            raise bad_request(f"the body ended after {len(data)} of {length} bytes")
        try:
            return json.loads(data)
        except (ValueError, RecursionError) as exc:
            raise bad_request(f"the body is not valid JSON ({exc})", "invalid-json") from None

    def _send(self, status: HTTPStatus, payload: bytes, headers: Mapping[str, str] | None = None) -> None:
        self.restart_deadline()
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
        if origin is None or not self.server.gate.allows(origin):
            return
        wildcard = "*" in self.server.options.allow_origins
        self.send_header("Access-Control-Allow-Origin", "*" if wildcard else origin)
        self.send_header("Vary", "Origin")

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
        raise bad_request(str(exc), "invalid-config") from None
    except InputError as exc:
        raise bad_request(str(exc), "invalid-input") from None
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
