"""A real HTTP server on loopback: uvicorn in a thread, over a temp SQLite registry with the bundled data."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn
from live_server import Live, free_port

from proscribe.api import create_app
from proscribe.ingest.core import init_registry
from proscribe.store import open_store


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """Start the app on a free loopback port for the whole session; stop it afterwards."""
    db: Path = tmp_path_factory.mktemp("api") / "registry.db"
    db_url = f"sqlite:///{db}"
    store = open_store(db_url)
    init_registry(store)
    port = free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Live(f"http://127.0.0.1:{port}", store, db_url)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        store.dispose()


@pytest.fixture()
def http(live: Live) -> Iterator[httpx.Client]:
    """An HTTP client for the live server."""
    with live.client() as client:
        yield client
