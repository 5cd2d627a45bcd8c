"""The pure data model: dates, entities, jurisdictions and lists, sources, claims, timelines (no I/O)."""

from proscribe.model.batch import ClaimBatch
from proscribe.model.claim import (
    ACTIONS,
    PROPOSALS,
    STATE_AFTER,
    STATES,
    Action,
    Claim,
    ClaimKind,
    State,
    claim_id,
)
from proscribe.model.dates import PartialDate, parse_day
from proscribe.model.entity import (
    IMO_SCHEME,
    Entity,
    EntityKind,
    Identifier,
    Name,
    detect_script,
    filing_key,
    name_key,
    person_name_key,
)
from proscribe.model.jurisdiction import Authority, DesignationList, Jurisdiction, ListKind
from proscribe.model.source import TIER_BY_KIND, Source, SourceKind, is_web_url, source_id
from proscribe.model.timeline import (
    Conflict,
    Decider,
    Event,
    Interval,
    Lapse,
    Pending,
    Timeline,
    TimelineState,
)

__all__ = [
    "ACTIONS",
    "IMO_SCHEME",
    "PROPOSALS",
    "STATES",
    "STATE_AFTER",
    "TIER_BY_KIND",
    "Action",
    "Authority",
    "Claim",
    "ClaimBatch",
    "ClaimKind",
    "Conflict",
    "Decider",
    "DesignationList",
    "Entity",
    "EntityKind",
    "Event",
    "Identifier",
    "Interval",
    "Jurisdiction",
    "Lapse",
    "ListKind",
    "Name",
    "PartialDate",
    "Pending",
    "Source",
    "SourceKind",
    "State",
    "Timeline",
    "TimelineState",
    "claim_id",
    "detect_script",
    "filing_key",
    "is_web_url",
    "name_key",
    "parse_day",
    "person_name_key",
    "source_id",
]
