"""Store: one database (URL), its engine, migrations and transactions."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.exc import SQLAlchemyError

from proscribe import settings
from proscribe.errors import StoreError

if TYPE_CHECKING:
    from proscribe.store.reader import Reader

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # 32 MB of page cache (default 2 MB): an import inserts into several indexes at once.
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


class Store:
    """A proscribe database: migrate it, read it, write to it in transactions."""

    def __init__(self, url: str) -> None:
        self.url = url
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        try:
            self.engine: Engine = create_engine(url, future=True)
        except (SQLAlchemyError, ValueError) as exc:
            raise StoreError(f"cannot open database {self.url!r}: {exc}") from None
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def init(self) -> None:
        """Create or upgrade the schema to the latest migration."""
        from alembic import command
        from alembic.config import Config

        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        with self.engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")

    def is_initialised(self) -> bool:
        """True when the schema exists."""
        try:
            return inspect(self.engine).has_table("claims")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot reach database {self.url!r}: {exc}") from None

    def require_initialised(self) -> None:
        """Raise a clear StoreError when `proscribe init` has not been run."""
        if not self.is_initialised():
            raise StoreError(f"database {self.url} is not initialised: run `proscribe init`")

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A connection inside one transaction: committed on success, rolled back on any error."""
        with self.engine.begin() as connection:
            yield connection

    def reader(self) -> Reader:
        """A read-side view of this store."""
        from proscribe.store.reader import Reader

        return Reader(self)

    def dispose(self) -> None:
        """Close pooled connections."""
        self.engine.dispose()


def open_store(url: str | None = None) -> Store:
    """Open the store at `url`, PROSCRIBE_DB_URL, or ./proscribe.db."""
    return Store(url or settings.db_url())
