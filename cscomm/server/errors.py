"""The API's errors: each is answered as ``{"error": {"code", "message"}}`` with a status."""

from __future__ import annotations

from collections.abc import Mapping
from http import HTTPStatus


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


def bad_request(message: str, code: str = "invalid-request") -> ApiError:
    """A 400 answer: the request, not the server, is at fault."""
    return ApiError(HTTPStatus.BAD_REQUEST, code, message)
