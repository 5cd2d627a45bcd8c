"""ClaimBatch: what an adapter or the extractor hands to ingest, written in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field

from proscribe.model.claim import Claim
from proscribe.model.entity import Entity
from proscribe.model.source import Source


@dataclass(frozen=True, slots=True)
class ClaimBatch:
    """Sources, entities and claims from one input, plus what could not be mapped."""

    sources: tuple[Source, ...]
    entities: tuple[Entity, ...]
    claims: tuple[Claim, ...]
    warnings: tuple[str, ...] = ()
    unmapped: dict[str, int] = field(default_factory=dict)
