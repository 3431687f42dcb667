"""``cscomm serve``: a local HTTP JSON API for mail-client and helpdesk add-ins.

The API is described by ``openapi.json`` in this package (also served at
``GET /openapi.json``). It binds to 127.0.0.1 by default and sends nothing anywhere.
"""

from __future__ import annotations

from cscomm.server.app import ApiServer, ServerOptions, create_server

__all__ = ["ApiServer", "ServerOptions", "create_server"]
