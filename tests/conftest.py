"""Shared fixtures: real stores (a SQLite file, and PostgreSQL when PROSCRIBE_TEST_PG_URL is set)."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from proscribe.store import Store, open_store

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_URL = os.environ.get("PROSCRIBE_TEST_PG_URL")


@pytest.fixture(scope="session", autouse=True)
def _screening_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Screening caches go to a temporary folder for the whole run, never the user's ~/.cache."""
    folder = tmp_path_factory.mktemp("screening-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PROSCRIBE_CACHE_DIR", str(folder))
        yield folder


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared next to the repository (real list files, news-dev, seeds); skip when absent."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data folder {SHARED} is absent (it sits next to the repository in CI)")
    return SHARED


def _pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    assert PG_URL is not None
    name = f"proscribe_test_{uuid.uuid4().hex[:10]}"
    admin_url = PG_URL.replace("postgresql://", "postgresql+psycopg://")
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base, _, _ = PG_URL.rpartition("/")
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database URL for an empty database, once per backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'proscribe.db'}"
        return
    if not PG_URL:
        pytest.skip("PostgreSQL not configured: set PROSCRIBE_TEST_PG_URL (.ci/run does)")
    yield from _pg_database()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An initialised, empty store."""
    opened = open_store(db_url)
    opened.init()
    yield opened
    opened.dispose()


@pytest.fixture
def registry(db_url: str) -> Iterator[Store]:
    """A store loaded with the bundled dataset, as after `proscribe init`."""
    from proscribe.ingest.core import init_registry

    opened = open_store(db_url)
    init_registry(opened)
    yield opened
    opened.dispose()


@pytest.fixture
def sqlite_registry(tmp_path: Path) -> Iterator[Store]:
    """The bundled dataset in a SQLite file only (for tests that do not concern the backend)."""
    from proscribe.ingest.core import init_registry

    opened = open_store(f"sqlite:///{tmp_path / 'registry.db'}")
    init_registry(opened)
    yield opened
    opened.dispose()
