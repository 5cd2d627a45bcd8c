"""API tokens for the write endpoints: created once, shown once, stored only as a SHA-256 hash.

A token is `psk_` + 32 random bytes (URL-safe base64). The table `api_tokens` keeps its id, a name
for people, the hex SHA-256 of the token, and when it was created and revoked. A request is
authorised when the hash of its bearer token matches a row that is not revoked.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update

from proscribe import clock
from proscribe.errors import InputError, NotFoundError
from proscribe.store import Store, schema

PREFIX = "psk_"


@dataclass(frozen=True, slots=True)
class TokenInfo:
    """A stored token, without its secret."""

    id: str
    name: str
    created_at: datetime
    revoked_at: datetime | None

    def as_dict(self) -> dict[str, str | None]:
        """JSON-ready form."""
        return {
            "id": self.id,
            "name": self.name,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }


def token_hash(token: str) -> str:
    """The hex SHA-256 under which a token is stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(store: Store, name: str) -> tuple[TokenInfo, str]:
    """Create a token named `name`; return its record and the secret (never stored, shown once)."""
    if not name.strip():
        raise InputError("a token needs a non-empty name")
    secret = PREFIX + secrets.token_urlsafe(32)
    info = TokenInfo("tok-" + secrets.token_hex(8), name.strip(), clock.now(), None)
    with store.begin() as conn:
        conn.execute(
            schema.api_tokens.insert().values(
                id=info.id, name=info.name, token_hash=token_hash(secret), created_at=info.created_at
            )
        )
    return info, secret


def list_tokens(store: Store) -> list[TokenInfo]:
    """Every token, oldest first, revoked ones included."""
    table = schema.api_tokens
    with store.engine.connect() as conn:  # a read: no need to wait for the writer lock
        rows = conn.execute(select(table).order_by(table.c.created_at, table.c.id)).all()
    return [TokenInfo(r.id, r.name, r.created_at, r.revoked_at) for r in rows]


def revoke_token(store: Store, ident: str) -> int:
    """Revoke the live tokens whose id or name is `ident`; return how many were revoked."""
    table = schema.api_tokens
    with store.begin() as conn:
        result = conn.execute(
            update(table)
            .where((table.c.id == ident) | (table.c.name == ident))
            .where(table.c.revoked_at.is_(None))
            .values(revoked_at=clock.now())
        )
    if result.rowcount == 0:
        raise NotFoundError(f"no live token with id or name {ident!r}")
    return int(result.rowcount)


def verify_token(store: Store, token: str) -> str | None:
    """The name of the live token `token`, or None when it is unknown or revoked."""
    if not token.startswith(PREFIX):
        return None
    table = schema.api_tokens
    with store.engine.connect() as conn:  # a read: no need to wait for the writer lock
        row = conn.execute(
            select(table.c.name)
            .where(table.c.token_hash == token_hash(token))
            .where(table.c.revoked_at.is_(None))
        ).first()
    return None if row is None else str(row.name)
