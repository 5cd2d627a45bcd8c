"""Persistence: SQLite (default, WAL) or PostgreSQL via SQLAlchemy Core, migrated with Alembic."""

from proscribe.store.engine import Store, open_store
from proscribe.store.reader import EventKey, Reader, event_key

__all__ = ["EventKey", "Reader", "Store", "event_key", "open_store"]
