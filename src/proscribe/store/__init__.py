"""Persistence: SQLite (default, WAL) or PostgreSQL via SQLAlchemy Core, migrated with Alembic."""

from proscribe.store.engine import Store, open_store
from proscribe.store.reader import Reader

__all__ = ["Reader", "Store", "open_store"]
