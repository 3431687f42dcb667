"""Who may use the local API: the host a request names, its origin, and its token.

Every web page a user opens can send requests to 127.0.0.1. Three checks keep pages out:

- **Host.** A page on ``evil.example`` whose name is re-pointed at 127.0.0.1 (DNS
  rebinding) sends ``Host: evil.example``; only loopback names and addresses and the
  bound host are answered (an IP address cannot be rebound, so on a wildcard bind any
  address is).
- **Origin.** A browser names the page or extension that sends a request; only origins
  allowed with ``--allow-origin`` are answered, and only they get CORS headers.
- **Token.** A request that carries ``Origin`` (so comes from a browser) must also send
  ``Authorization: Bearer <token>``, the per-install token (:mod:`cscomm.server.token`),
  as must any request from another machine. Local tools (curl, editors, hooks) send no
  ``Origin`` and need none.
"""

from __future__ import annotations

import hmac
import ipaddress
import re
from dataclasses import dataclass
from http import HTTPStatus

from cscomm.errors import ConfigError
from cscomm.server.errors import ApiError, bad_request

_ORIGIN = re.compile(r"[a-z][a-z0-9+.-]*://[^/?#\s]+", re.IGNORECASE)
_HOST = re.compile(r"(?:\[(?P<v6>[0-9a-f:.]+)\]|(?P<name>[^:\[\]]+))(?::\d*)?", re.IGNORECASE)
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})
LOOPBACK_NAMES = frozenset({"localhost"})


def check_origin(origin: str) -> str:
    """An ``--allow-origin`` value as browsers send it: ``scheme://host[:port]``, ``null`` or ``*``."""
    if origin in ("*", "null") or _ORIGIN.fullmatch(origin):
        return origin
    raise ConfigError(f"--allow-origin {origin!r}: expected scheme://host[:port] with no path, 'null' or '*'")


def is_loopback(host: str) -> bool:
    """Tell whether ``host`` names this machine's loopback interface (without asking DNS)."""
    if host.lower().rstrip(".") in LOOPBACK_NAMES:
        return True
    address = _address(host)
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address is not None and address.is_loopback


def _address(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class Gate:
    """The checks every request passes before it is routed."""

    bound_host: str
    allow_origins: frozenset[str]
    token: str

    def check_host(self, header: str | None, http_version: str) -> None:
        """Refuse a ``Host`` that names neither loopback nor the bound host (DNS rebinding).

        HTTP/1.1 requires the header; an HTTP/1.0 request may leave it out.
        """
        if header is None:
            if http_version == "HTTP/1.0":
                return
            raise bad_request("an HTTP/1.1 request must send a Host header", "host-required")
        match = _HOST.fullmatch(header.strip())
        host = (match.group("v6") or match.group("name")).lower().rstrip(".") if match else ""
        if host and self._answers_to(host):
            return
        raise ApiError(
            HTTPStatus.FORBIDDEN,
            "host-not-allowed",
            f"Host {header!r} does not name this server; call it at 127.0.0.1, localhost or [::1]",
        )

    def _answers_to(self, host: str) -> bool:
        bound = self.bound_host.lower().strip("[]").rstrip(".")
        if is_loopback(host) or host == bound:
            return True
        return bound in _WILDCARDS and _address(host) is not None

    def allows(self, origin: str) -> bool:
        """Tell whether ``origin`` may call the API (and read its answers)."""
        return "*" in self.allow_origins or origin in self.allow_origins

    def check_caller(self, origin: str | None, authorization: str | None, peer: str) -> None:
        """Refuse a foreign origin, and a browser or remote caller without the token."""
        if origin is not None and not self.allows(origin):
            raise ApiError(
                HTTPStatus.FORBIDDEN,
                "origin-not-allowed",
                f"origin {origin!r} is not allowed; start the server with --allow-origin {origin}",
            )
        if origin is None and is_loopback(peer):
            return
        who = "a browser request (it sends Origin)" if origin else "a request from another machine"
        scheme, _, token = (authorization or "").strip().partition(" ")
        if not authorization:
            raise _unauthorized(
                "token-required",
                f"{who} must send 'Authorization: Bearer <token>'; "
                "`cscomm serve --print-token` prints this install's token",
            )
        if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(), self.token.encode()):
            raise _unauthorized(
                "token-invalid",
                "the Authorization token is not this install's; `cscomm serve --print-token` prints it",
            )


def _unauthorized(code: str, message: str) -> ApiError:
    return ApiError(HTTPStatus.UNAUTHORIZED, code, message, {"WWW-Authenticate": 'Bearer realm="cscomm"'})
