"""The only place that reads the wall clock, so tests and audits can pin "now"."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime


def now() -> datetime:
    """Return the current UTC time, or the instant in PROSCRIBE_NOW when set (ISO 8601)."""
    pinned = os.environ.get("PROSCRIBE_NOW")
    if pinned:
        value = datetime.fromisoformat(pinned)
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    return datetime.now(UTC)


def today() -> date:
    """Return today's date in UTC (see `now`)."""
    return now().date()
