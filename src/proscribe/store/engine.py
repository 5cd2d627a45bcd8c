"""Store: one database (URL), its engine, migrations, transactions and its writer lock.

Writes take the database's *writer lock*, so one import, update or identity change runs at a
time across threads and processes: an import reads what the database holds (earlier snapshots,
entities to link to), diffs and links against it, then writes, and two of them interleaved would
each diff against a state the other is changing, or race to insert the same rows. A second writer
waits for the first (it then finds its work done, if it was the same file) and gives up with a
StoreError after `PROSCRIBE_WRITE_LOCK_TIMEOUT` seconds (default 600; proscribe.settings). The
lock is a `flock` on `<database file>.lock` for SQLite and a session advisory lock for
PostgreSQL; both are released when their holder ends, even if it is killed. Readers never wait for it.
"""

from __future__ import annotations

import fcntl
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError

from proscribe import settings
from proscribe.errors import StoreError

if TYPE_CHECKING:
    from proscribe.store.reader import Reader

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration's revision: a database at another one must be upgraded (`proscribe init`)
# before use. tests/store checks it against the migration scripts.
SCHEMA_REVISION = "0018"
_LOCK_POLL = 0.05
# pg_advisory_lock key of the writer lock: a fixed bigint, the ASCII bytes of "proscrib".
_PG_WRITER_LOCK_KEY = 0x70726F7363726962
_MEMORY_LOCKS: dict[str, threading.Lock] = {}


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
        self._held = threading.local()  # this thread's depth of `writing()`: the lock is re-entrant

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
        """True when the schema exists.

        A SQLite file that does not exist is not initialised, and asking must not create it: a
        read-only command (`extract`, `status` before `init`) would leave an empty database behind.
        """
        database = self.engine.url.database
        if self.dialect == "sqlite" and database and database != ":memory:" and not Path(database).exists():
            return False
        try:
            return inspect(self.engine).has_table("claims")
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot reach database {self.url!r}: {exc}") from None

    def require_initialised(self) -> None:
        """Raise a clear StoreError when `proscribe init` has not been run, or must be run again.

        A database written by an older proscribe lacks the newest migrations, or holds timelines
        derived with older resolver rules: reading it would fail on a missing column, or answer
        from rules since corrected. `init` upgrades it in place and loses nothing.
        """
        if not self.is_initialised():
            raise StoreError(f"database {self.url} is not initialised: run `proscribe init`")
        from proscribe.resolve.timeline import RULES_VERSION

        with self.engine.connect() as conn:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
            rules = conn.execute(text("SELECT value FROM meta WHERE key = 'resolver_rules'")).scalar()
        upgrade = "run `proscribe init` to upgrade it in place (nothing is lost)"
        if revision != SCHEMA_REVISION:
            if revision is not None and str(revision) > SCHEMA_REVISION:
                raise StoreError(
                    f"database {self.url} has schema revision {revision}, newer than this proscribe "
                    f"knows ({SCHEMA_REVISION}): use the proscribe version that wrote it"
                )
            raise StoreError(
                f"database {self.url} has schema revision {revision}, older than this proscribe's "
                f"{SCHEMA_REVISION}: {upgrade}"
            )
        if rules is not None and int(rules) < RULES_VERSION:
            raise StoreError(
                f"database {self.url} holds timelines derived with resolver rules {rules}; this "
                f"proscribe's are {RULES_VERSION}: {upgrade}"
            )

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A write transaction under the writer lock: committed on success, rolled back on any error."""
        with self.writing(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def writing(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the writer lock (see the module docstring) for a whole read-diff-write operation.

        Re-entrant within a thread: an import holding it may open write transactions (`begin`).
        """
        depth: int = getattr(self._held, "depth", 0)
        if depth:
            self._held.depth = depth + 1
            try:
                yield
            finally:
                self._held.depth = depth
            return
        lock = self._pg_writer_lock if self.dialect == "postgresql" else self._sqlite_writer_lock
        with lock(settings.write_lock_timeout() if timeout is None else timeout):
            self._held.depth = 1
            try:
                yield
            finally:
                self._held.depth = 0

    def _busy(self, timeout: float) -> StoreError:
        return StoreError(
            f"database {self.url} is busy: another import, update or identity change has been writing "
            f"to it for over {timeout:g} s; try again when it ends"
        )

    @contextmanager
    def _sqlite_writer_lock(self, timeout: float) -> Iterator[None]:
        database = self.engine.url.database
        if not database or database == ":memory:":
            # One process owns an in-memory database: a lock among its threads is enough.
            memory_lock = _MEMORY_LOCKS.setdefault(self.url, threading.Lock())
            if not memory_lock.acquire(timeout=timeout):
                raise self._busy(timeout)
            try:
                yield
            finally:
                memory_lock.release()
            return
        deadline = time.monotonic() + timeout
        try:
            handle = open(f"{database}.lock", "a+b")  # noqa: SIM115 - closed by the with below
        except OSError as exc:
            raise StoreError(f"cannot open the writer lock of {self.url}: {exc}") from None
        with handle:
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise self._busy(timeout) from None
                    time.sleep(_LOCK_POLL)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    @contextmanager
    def _pg_writer_lock(self, timeout: float) -> Iterator[None]:
        deadline = time.monotonic() + timeout
        key = {"key": _PG_WRITER_LOCK_KEY}
        try:
            connection = self.engine.connect()
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot reach database {self.url!r}: {exc}") from None
        with connection:
            while not connection.execute(text("SELECT pg_try_advisory_lock(:key)"), key).scalar_one():
                connection.commit()
                if time.monotonic() >= deadline:
                    raise self._busy(timeout)
                time.sleep(_LOCK_POLL)
            connection.commit()  # a session lock outlives the transaction; do not sit idle in one
            try:
                yield
            finally:
                try:
                    connection.execute(text("SELECT pg_advisory_unlock(:key)"), key)
                    connection.commit()
                except SQLAlchemyError:
                    # Never pool a session that may still hold the lock: closing it releases the lock.
                    connection.invalidate()
                    raise

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
