"""Sources: where a claim comes from, and how far it is trusted."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal
from urllib.parse import urlsplit

SourceKind = Literal["official_list", "gazette", "curated", "news", "analyst"]

# Lower is more trusted. Official publications outrank curated research, which outranks news.
TIER_BY_KIND: dict[str, int] = {"official_list": 1, "gazette": 1, "curated": 2, "analyst": 2, "news": 3}


def is_web_url(uri: object) -> bool:
    """Whether a source's address is one a browser can open (http or https, with a host).

    A news text ingested from a file is held under `urn:sha256:...`: an identifier, not a link, so
    pages, feeds and exports show it as text rather than as a link that leads nowhere.
    """
    if not isinstance(uri, str):
        return False
    parts = urlsplit(uri.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def source_id(kind: str, uri: str, sha256: str | None = None) -> str:
    """Deterministic id of a source: the same document from the same place gets the same id."""
    digest = hashlib.sha256(f"{kind}\x1f{uri}\x1f{sha256 or ''}".encode()).hexdigest()
    return f"src-{digest[:16]}"


@dataclass(frozen=True, slots=True)
class Source:
    """A document that makes claims: an official list file, a gazette, a curated row, a news article."""

    id: str
    kind: SourceKind
    uri: str
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    retrieved_at: datetime | None = None
    sha256: str | None = None
    tier: int = 0

    def __post_init__(self) -> None:
        if self.tier == 0:
            object.__setattr__(self, "tier", TIER_BY_KIND[self.kind])

    def known_from(self) -> date | None:
        """The first day proscribe's knowledge could include this source (publication, else retrieval)."""
        if self.published_on is not None:
            return self.published_on
        if self.retrieved_at is not None:
            return self.retrieved_at.date()
        return None
