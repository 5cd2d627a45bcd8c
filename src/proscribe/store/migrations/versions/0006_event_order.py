"""Changes of one day read by jurisdiction, list and entity name, not by their hashed ids.

`events.sort_name` holds the entity's canonical name as filed in an A-Z index (case-folded,
leading punctuation dropped), and the paging index covers (date, jurisdiction, list, name, id).
Stored events get the name of the entity they belong to; new ones get it when derived.

Revision ID: 0006
Revises: 0005
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

# The filing rule as of this revision (proscribe.model.filing_key), kept here so the migration
# means the same thing however the rule changes later.
_LEADING_NON_WORD = re.compile(r"^[\W_]+")


def upgrade() -> None:
    op.add_column("events", sa.Column("sort_name", sa.String(200), nullable=False, server_default=""))
    op.drop_index("ix_events_date", table_name="events")
    op.create_index(
        "ix_events_order", "events", ["date_latest", "jurisdiction", "list_id", "sort_name", "id"]
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.text("SELECT events.id, entities.name FROM events JOIN entities ON entities.id = events.entity_id")
    ).all()
    filed = [
        {"key": _LEADING_NON_WORD.sub("", name).casefold()[:200], "id": event_id} for event_id, name in rows
    ]
    if filed:
        conn.execute(sa.text("UPDATE events SET sort_name = :key WHERE id = :id"), filed)


def downgrade() -> None:
    op.drop_index("ix_events_order", table_name="events")
    op.create_index("ix_events_date", "events", ["date_latest", "id"])
    with op.batch_alter_table("events") as batch:
        batch.drop_column("sort_name")
