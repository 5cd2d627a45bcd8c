"""Fixtures: the app under uvicorn in a thread on a free loopback port, over a temp registry (SQLite,
or each backend for `on_each_backend`).

Everything lives here (no helper module), so the tests run the same under any pytest import mode.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn

from proscribe.api import create_app
from proscribe.ingest.core import init_registry
from proscribe.store import Store, open_store
from proscribe.store.verify import verify_store


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


@contextmanager
def running_server(
    db: Path | str, prepare: Callable[[Store], object] | None = None, verify: bool = True
) -> Iterator[Live]:
    """Initialise a registry (a SQLite file at `db`, or the database URL `db`) with the bundled
    data (and `prepare`'s imports), and serve it until the block ends; then (`verify`) check that
    what the write endpoints (imports, merges, withdrawals) left derived is what the claims give."""
    db_url = db if isinstance(db, str) else f"sqlite:///{db}"
    store = open_store(db_url)
    init_registry(store)
    if prepare is not None:
        prepare(store)
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
        drift = verify_store(store).drift if verify else []
        store.dispose()
    assert not drift, f"derived rows differ from the claims: {drift[:5]}"


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    """The read-only server most tests share (tests that write use `fresh`)."""
    with running_server(tmp_path_factory.mktemp("api") / "registry.db") as server:
        yield server


@pytest.fixture()
def fresh(tmp_path: Path) -> Iterator[Live]:
    """A server over its own new registry, for tests that write."""
    with running_server(tmp_path / "registry.db") as server:
        yield server


@pytest.fixture()
def on_each_backend(db_url: str) -> Iterator[Live]:
    """A server over its own new registry, once on SQLite and once on PostgreSQL."""
    with running_server(db_url) as server:
        yield server


@pytest.fixture()
def breakable(tmp_path: Path) -> Iterator[Live]:
    """A server over its own new registry, for a test that damages the database on purpose."""
    with running_server(tmp_path / "registry.db", verify=False) as server:
        yield server


@pytest.fixture(scope="module")
def sdn_live(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Iterator[Live]:
    """A server over the bundled data plus OFAC's real SDN list of April 2024 (11,509 records):
    a registry the size analysts hold, for the pages that must stay usable at that size."""
    from datetime import date

    from proscribe.ingest.lists import ingest_list

    sdn = shared_dir / "data" / "lists" / "us-ofac-sdn-csv" / "2024-04" / "sdn.csv"

    def prepare(store: Store) -> None:
        ingest_list(store, "us-ofac-sdn-csv", [sdn], snapshot_date=date(2024, 4, 10))

    with running_server(tmp_path_factory.mktemp("sdn") / "registry.db", prepare) as server:
        yield server


@pytest.fixture(scope="module")
def un_sdn_live(tmp_path_factory: pytest.TempPathFactory, shared_dir: Path) -> Iterator[Live]:
    """A server over the bundled data, the real UN list of 2025-11-20 and OFAC's SDN list of April
    2024: people listed by both, for the identity review page (hundreds of pairs)."""
    from datetime import date

    from proscribe.ingest.lists import ingest_list

    lists = shared_dir / "data" / "lists"

    def prepare(store: Store) -> None:
        un = lists / "un-sc-consolidated" / "un-consolidated_2025-11-20.xml"
        ingest_list(store, "un-sc-consolidated", [un])
        sdn = lists / "us-ofac-sdn-csv" / "2024-04" / "sdn.csv"
        ingest_list(store, "us-ofac-sdn-csv", [sdn], snapshot_date=date(2024, 4, 10))

    with running_server(tmp_path_factory.mktemp("un-sdn") / "registry.db", prepare) as server:
        yield server


@pytest.fixture()
def http(live: Live) -> Iterator[httpx.Client]:
    """An HTTP client for the shared server."""
    with live.client() as client:
        yield client


@pytest.fixture()
def pairs(on_each_backend: Live) -> Live:
    """A server (SQLite, then PostgreSQL) over the UN and OFSI fixtures that leave pairs to review:
    a UN front and two OFSI namesakes, and five people the UN and OFSI both list apart."""
    from proscribe.ingest.lists import ingest_list

    lists = Path(__file__).resolve().parents[1] / "fixtures" / "lists"
    for source, path in (
        ("un-sc-consolidated", lists / "un" / "un_2020-01-01.xml"),
        ("uk-hmt-ofsi-consolidated", lists / "uk-judgements" / "conlist_2020-06-01.csv"),
        ("un-sc-consolidated", lists / "people" / "un_2021-05-01.xml"),
        ("uk-hmt-ofsi-consolidated", lists / "people" / "conlist_2021-06-01.csv"),
    ):
        ingest_list(on_each_backend.store, source, [path])
    return on_each_backend
