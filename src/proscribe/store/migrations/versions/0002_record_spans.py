"""Runs of identical list snapshots replace per-snapshot record rows; timelines get a summary.

`snapshot_records` (one row per record per snapshot) becomes `record_spans` (one row per run of
consecutive snapshots of a source showing a record unchanged). Existing state claims stay as
they are: each held snapshot already made its own, so every run starts with one. The new
`timelines` columns are filled from each stored timeline's JSON. Fingerprints stored before this
revision lack the record's full content, so the next snapshot of each source starts new runs
(new state claims, no amendments) once.

Revision ID: 0002
Revises: 0001
"""

import json
from datetime import date
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("timelines", sa.Column("conflicts", sa.Integer(), nullable=False, server_default="0"))
    op.add_column("timelines", sa.Column("open_state", sa.String(20)))
    op.add_column("timelines", sa.Column("open_from", sa.Date()))
    spans = op.create_table(
        "record_spans",
        sa.Column("first_id", sa.String(40), sa.ForeignKey("snapshots.id"), nullable=False),
        sa.Column("record_key", sa.String(200), nullable=False),
        sa.Column("source_name", sa.String(80), nullable=False),
        sa.Column("first_date", sa.Date(), nullable=False),
        sa.Column("last_id", sa.String(40), sa.ForeignKey("snapshots.id"), nullable=False),
        sa.Column("last_date", sa.Date(), nullable=False),
        sa.Column("entity_id", sa.String(120), nullable=False),
        sa.Column("fingerprint", sa.Text(), nullable=False),
        sa.Column("raw", sa.String(40)),
        sa.PrimaryKeyConstraint("first_id", "record_key"),
    )
    op.create_index("ix_record_spans_entity_id", "record_spans", ["entity_id"])
    op.create_index("ix_record_spans_source_last", "record_spans", ["source_name", "last_date"])
    conn = op.get_bind()
    _fill_spans(conn, spans)
    _fill_summaries(conn)
    op.drop_table("snapshot_records")


def _fill_spans(conn: Any, spans: Any) -> None:
    snapshots = conn.execute(
        sa.text(
            "SELECT id, source_name, snapshot_date FROM snapshots ORDER BY source_name, snapshot_date, id"
        )
    ).all()
    by_source: dict[str, list[Any]] = {}
    for row in snapshots:
        by_source.setdefault(row.source_name, []).append(row)
    rows: list[dict[str, Any]] = []
    for source_name, held in by_source.items():
        open_runs: dict[str, dict[str, Any]] = {}
        for snap in held:
            records = conn.execute(
                sa.text(
                    "SELECT record_key, entity_id, fingerprint FROM snapshot_records WHERE snapshot_id = :id"
                ),
                {"id": snap.id},
            ).all()
            shown = {r.record_key: (r.entity_id or "", r.fingerprint or "") for r in records}
            for key, run in list(open_runs.items()):
                if shown.get(key) != (run["entity_id"], run["fingerprint"]):
                    rows.append(open_runs.pop(key))
            for key, (entity_id, fingerprint) in shown.items():
                if key not in open_runs:
                    open_runs[key] = {
                        "first_id": snap.id,
                        "record_key": key,
                        "source_name": source_name,
                        "first_date": _as_date(snap.snapshot_date),
                        "last_id": snap.id,
                        "last_date": _as_date(snap.snapshot_date),
                        "entity_id": entity_id,
                        "fingerprint": fingerprint,
                        "raw": None,
                    }
                else:
                    open_runs[key]["last_id"] = snap.id
                    open_runs[key]["last_date"] = _as_date(snap.snapshot_date)
        rows.extend(open_runs.values())
    if rows:
        conn.execute(sa.insert(spans), rows)


def _as_date(value: Any) -> date:
    # Raw SQL returns SQLite dates as text.
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _fill_summaries(conn: Any) -> None:
    rows = conn.execute(sa.text("SELECT entity_id, list_id, data FROM timelines")).all()
    for row in rows:
        data = json.loads(row.data)
        intervals = data.get("intervals") or []
        last = intervals[-1] if intervals else None
        is_open = last is not None and last.get("until") is None
        conn.execute(
            sa.text(
                "UPDATE timelines SET conflicts = :conflicts, open_state = :state, open_from = :since "
                "WHERE entity_id = :entity AND list_id = :list"
            ),
            {
                "conflicts": len(data.get("conflicts") or []),
                "state": last.get("state") if is_open and last else None,
                "since": last.get("from") if is_open and last else None,
                "entity": row.entity_id,
                "list": row.list_id,
            },
        )


def downgrade() -> None:
    raise NotImplementedError("0002 cannot be undone: per-snapshot record rows are not kept")
