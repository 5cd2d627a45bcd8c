"""The database schema (SQLAlchemy Core). Claims are append-only; timelines and events are derived."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    false,
    func,
    literal_column,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.sql.elements import ColumnElement

metadata = MetaData()
# Text compared code point by code point, as SQLite does, on PostgreSQL too (whose own order is
# the database's collation, perhaps a language's): for columns an answer is ordered or paged by.
BYTEWISE_200 = String(200).with_variant(String(200, collation="C"), "postgresql")


def bytewise(column: ColumnElement[str], dialect: str) -> ColumnElement[str]:
    """The column ordered by code point (SQLite's BINARY), whatever the database's collation.

    For an ORDER BY on text whose column keeps the database's collation (names), so the rows a
    LIMIT keeps, and their order, are the same on SQLite and PostgreSQL.
    """
    return column.collate("C") if dialect == "postgresql" else column


class UTCDateTime(TypeDecorator[datetime]):
    """An instant, stored and read back in UTC on every backend, so both answer the same timestamps.

    SQLite keeps a DateTime as text without its offset, while PostgreSQL's TIMESTAMPTZ answers in
    the session's time zone: the same decision read back as `2026-11-22T00:00:00` from SQLite and
    `2026-11-21T19:00:00-05:00` from a server set to New York, on another day once cut to a date
    (`identity list`, the day a download was retrieved). Values are converted to UTC when bound
    (a naive one is UTC already: `clock.now()` gives UTC) and read back as aware UTC datetimes.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The instant in UTC (SQLite's text form would drop any other offset)."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        """The stored instant as an aware UTC datetime (SQLite's naive text is UTC)."""
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

lists = Table(
    "lists",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("jurisdiction", String(2), nullable=False, index=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("publisher", Text),
    Column("url", Text),
)

entities = Table(
    "entities",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("country", Text),
    Column("description", Text),
    Column("note", Text),
)

names = Table(
    "names",
    metadata,
    Column("entity_id", String(120), ForeignKey("entities.id"), nullable=False),
    Column("value", Text, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("script", String(8), nullable=False),
    Column("lang", String(8)),
    Column("key", Text, nullable=False),
    PrimaryKeyConstraint("entity_id", "value"),
    Index("ix_names_key", "key"),
)

identifiers = Table(
    "identifiers",
    metadata,
    Column("entity_id", String(120), ForeignKey("entities.id"), nullable=False),
    Column("scheme", String(40), nullable=False),
    Column("value", String(200), nullable=False),
    PrimaryKeyConstraint("scheme", "value", "entity_id"),
)

sources = Table(
    "sources",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("uri", Text, nullable=False),
    Column("title", Text),
    Column("publisher", Text),
    Column("published_on", Date),
    Column("retrieved_at", UTCDateTime()),
    Column("sha256", String(64)),
    Column("tier", Integer, nullable=False),
)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("kind", String(10), nullable=False),
    Column("entity_id", String(120), ForeignKey("entities.id"), nullable=False),
    Column("jurisdiction", String(2), nullable=False),
    Column("list_id", String(80)),
    Column("action", String(20)),
    Column("state", String(20)),
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("date_precision", String(10), nullable=False),
    Column("authority", Text),
    Column("legal_basis", Text),
    Column("scope", Text),
    Column("original", Text),
    Column("evidence", Text),
    Column("span_start", Integer),
    Column("span_end", Integer),
    Column("rule", String(120)),
    Column("confidence", Float, nullable=False),
    Column("note", Text),
    Column("known_from", Date),
    Column("tier", Integer, nullable=False),
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=False),
    Column("record_key", Text, nullable=False),
    Column("ingested_at", UTCDateTime(), nullable=False),
    # Who a proposal's source says decides it (migration 0017; last, where that migration adds it).
    Column("decider", Text),
    Index("ix_claims_entity_list", "entity_id", "list_id"),
    Index("ix_claims_source", "source_id"),
)

timelines = Table(
    "timelines",
    metadata,
    Column("entity_id", String(120), nullable=False),
    Column("list_id", String(80), nullable=False),
    Column("jurisdiction", String(2), nullable=False, index=True),
    Column("data", Text, nullable=False),
    # Summary of `data` that tells a new sighting of a listed record apart from news (see
    # proscribe.store.spans): how many conflicts, and the state of the open-ended last interval.
    Column("conflicts", Integer, nullable=False, server_default="0"),
    Column("open_state", String(20)),
    Column("open_from", Date),
    PrimaryKeyConstraint("entity_id", "list_id"),
)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("entity_id", String(120), nullable=False, index=True),
    Column("list_id", String(80), nullable=False),
    Column("jurisdiction", String(2), nullable=False),
    Column("action", String(20), nullable=False),
    Column("date_earliest", Date),
    Column("date_latest", Date),
    Column("date_text", String(40), nullable=False),
    Column("authority", Text),
    Column("claim_ids", Text, nullable=False),
    Column("refuted", Boolean, nullable=False),
    # The entity's canonical name as filed (proscribe.model.filing_key), so that the changes of one
    # day read by jurisdiction, list and name rather than in the order of their hashed ids.
    # Compared by code point on every backend (PostgreSQL: collation "C", migration 0009), so one
    # day's changes read in the same order whatever the server's collation.
    Column("sort_name", BYTEWISE_200, nullable=False, server_default=""),
    # The first day a source the registry holds reported the change: the earliest publication (else
    # retrieval) day of its claims, as `as_of` counts them (Claim.known_by). "What is new since my
    # last look" asks by this day, not by the day the change took effect (migration 0015).
    Column("first_reported", Date),
    Index("ix_events_first_reported", "first_reported"),
    Index(
        "ix_events_order", "date_latest", "jurisdiction", "list_id", "sort_name", "entity_id", "action", "id"
    ),
)

# Read by report, an event no source dates (no publication day, no earliest day) counts as
# reported on this day: known all along, as `as_of` counts it, so last when the latest come first.
NEVER_REPORTED = date(1, 1, 1)
# The key `changes --order reported` leads with. Spelled as a literal, exactly as migration 0016
# indexes it: a bound parameter in its place would hide the index from both planners.
REPORT_ORDER = func.coalesce(events.c.first_reported, literal_column(f"'{NEVER_REPORTED.isoformat()}'"))
Index(
    "ix_events_report_order",
    REPORT_ORDER,
    *(events.c[name] for name in ("date_latest", "jurisdiction", "list_id", "sort_name", "entity_id")),
    events.c.action,
    events.c.id,
)

snapshots = Table(
    "snapshots",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_name", String(80), nullable=False, index=True),
    Column("list_id", String(80)),
    Column("snapshot_date", Date, nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("filename", Text),
    Column("url", Text),
    Column("retrieved_at", UTCDateTime()),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("record_count", Integer, nullable=False),
    # Snapshots of one series are compared with each other (list / delist / amend): the source's
    # name for the whole list; `source~scope` for files that hold a stated part of it; a
    # snapshot of its own for a partial file (absence proves nothing). NULL (stored before
    # series existed) reads as the source's name.
    Column("series", String(200)),
    # What part of the list the file holds when not the whole (as the file states it, or
    # `--partial`), and whether absences in it prove nothing.
    Column("scope", Text),
    Column("partial", Boolean, nullable=False, server_default=false()),
    # Facets the input does not state, comma-separated (proscribe.sources.records.FACETS).
    Column("unstated", Text),
)

record_spans = Table(
    "record_spans",
    metadata,
    # A run of consecutive held snapshots of one source that show a record unchanged. The state
    # claims of the run cite its first snapshot (first_id = their source_id, record_key = theirs).
    Column("first_id", String(40), ForeignKey("snapshots.id"), nullable=False),
    Column("record_key", String(200), nullable=False),
    Column("source_name", String(80), nullable=False),
    Column("first_date", Date, nullable=False),
    Column("last_id", String(40), ForeignKey("snapshots.id"), nullable=False),
    Column("last_date", Date, nullable=False),
    Column("entity_id", String(120), nullable=False, index=True),
    Column("fingerprint", Text, nullable=False),
    # Digest of the record's bytes in the file: an unchanged record is not parsed again.
    Column("raw", String(40)),
    # The names the record states (JSON [[kind, value], ...]): what an amendment changed.
    Column("names", Text),
    # What the record states beyond its names (JSON [[kind, value], ...], as `record_details`
    # keeps it): what a withdrawal of the run's first snapshot takes back. NULL: stored before
    # runs kept it (migration 0014).
    Column("details", Text),
    PrimaryKeyConstraint("first_id", "record_key"),
    Index("ix_record_spans_source_last", "source_name", "last_date"),
)

judgements = Table(
    "judgements",
    metadata,
    # An analyst's decision about identity, never deleted: withdrawing one stamps `withdrawn_at`.
    # `same`: entity_id is one entity with other_id and is read as it everywhere (names, claims,
    # timelines). `distinct`: the two are different entities (it silences merge suggestions).
    Column("id", String(40), primary_key=True),
    Column("judgement", String(10), nullable=False),
    Column("entity_id", String(120), ForeignKey("entities.id"), nullable=False, index=True),
    Column("other_id", String(120), ForeignKey("entities.id"), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("decided_by", Text),
    Column("decided_at", UTCDateTime(), nullable=False),
    Column("withdrawn_at", UTCDateTime()),
    Column("withdraw_reason", Text),
)
withdrawn_snapshots = Table(
    "withdrawn_snapshots",
    metadata,
    # A list snapshot an analyst withdrew (imported with a wrong date, as the whole list when it
    # was not): no longer held, its claims stay stored but no read counts them. The snapshot's
    # description is kept here, with who withdrew it, when and why.
    Column("source_id", String(40), ForeignKey("sources.id"), primary_key=True),
    Column("source_name", String(80), nullable=False, index=True),
    Column("series", String(200)),
    Column("snapshot_date", Date, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("filename", Text),
    Column("record_count", Integer, nullable=False),
    Column("reason", Text, nullable=False),
    Column("decided_by", Text),
    Column("withdrawn_at", UTCDateTime(), nullable=False),
)
superseded_claims = Table(
    "superseded_claims",
    metadata,
    # A claim of the bundled dataset that the dataset no longer makes: the curated fact it came from
    # was corrected, or the dataset reads it differently now (UNSCR 2253, once a `list` of ISIL, now
    # an `amend`); `init` sets it aside. Or a claim read from a news article that the article, read
    # again, no longer gives; `ingest news` sets it aside. Like every claim it stays stored, and no
    # read counts it.
    Column("claim_id", String(40), ForeignKey("claims.id"), primary_key=True),
    Column("reason", Text, nullable=False),
    Column("superseded_at", UTCDateTime(), nullable=False),
)
claim_rejections = Table(
    "claim_rejections",
    metadata,
    # An analyst's ruling that a claim misreads its source (a news article, a curated fact): the
    # claim stays stored and no read counts it while the rejection is in force. Never deleted:
    # restoring the claim stamps `restored_at`, and a later rejection is a row of its own.
    Column("id", String(40), primary_key=True),
    Column("claim_id", String(40), ForeignKey("claims.id"), nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("decided_by", Text),
    Column("rejected_at", UTCDateTime(), nullable=False),
    Column("restored_at", UTCDateTime()),
    Column("restore_reason", Text),
    Column("restored_by", Text),
)
record_details = Table(
    "record_details",
    metadata,
    # What a list record states beyond its names, from every snapshot read since migration 0012:
    # `identifier` rows (`scheme:value`, its own number and the other lists' it cites) and `country`
    # rows (as the file writes them); a `read` row (value '') for a record stating neither. An
    # entity's identifiers do not say which record lent each; these do, so a record split off an
    # entity takes the identifiers only it gave (ingest/splits). A record with no row was read before.
    Column("source_name", String(80), primary_key=True),
    Column("record_key", String(200), primary_key=True),
    Column("kind", String(20), primary_key=True),
    Column("value", Text, primary_key=True),
)
claim_grounds = Table(
    "claim_grounds",
    metadata,
    # A claim one source's snapshot makes only because another snapshot says something: OFAC's
    # whole SDN list of 2019-01-15 leaving out an entry its enhanced XML dates on the SDN list from
    # before then (proscribe.ingest.absences). The claim cites the whole list; its grounds are the
    # snapshots whose stated dates prompted it. Once every ground is withdrawn, no read counts it.
    Column("claim_id", String(40), ForeignKey("claims.id"), primary_key=True),
    Column("source_id", String(40), ForeignKey("sources.id"), primary_key=True, index=True),
)
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("name", Text, nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime()),
)
