"""The running test server's handle and a free-port helper (imported by the API tests and their conftest)."""

from __future__ import annotations

import socket
from dataclasses import dataclass

import httpx

from proscribe.store import Store


@dataclass
class Live:
    """A running server: its base URL, its store and the database URL (for the CLI)."""

    url: str
    store: Store
    db_url: str

    def client(self) -> httpx.Client:
        """A client bound to the server (no proxies from the environment)."""
        return httpx.Client(base_url=self.url, trust_env=False, timeout=30)


def free_port() -> int:
    """An unused TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
