"""Fixtures: one real HTTP server on loopback for the session, over a temp SQLite registry."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import Live, running_server


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The read-only server most tests share (tests that write start their own)."""
    with running_server(tmp_path_factory.mktemp("api") / "registry.db") as server:
        yield server


@pytest.fixture()
def http(live: Live) -> Iterator[httpx.Client]:
    """An HTTP client for the shared server."""
    with live.client() as client:
        yield client
