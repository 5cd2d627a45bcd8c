"""Changes of one day, list and name are ordered by entity and action before the event id.

The event id hashes the event's claims. Snapshots imported out of date order leave extra claims
(a wider window beside the narrower one), so two stores holding the same files could read two
changes with the same day, list and name in different orders. The index `changes` pages with
gains the entity and the action before the id. Cursors made before name a shorter key and are
refused as malformed; a new query starts over.

Revision ID: 0010
Revises: 0009
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

_BEFORE = ["date_latest", "jurisdiction", "list_id", "sort_name", "id"]
_AFTER = ["date_latest", "jurisdiction", "list_id", "sort_name", "entity_id", "action", "id"]


def upgrade() -> None:
    op.drop_index("ix_events_order", table_name="events")
    op.create_index("ix_events_order", "events", _AFTER)


def downgrade() -> None:
    op.drop_index("ix_events_order", table_name="events")
    op.create_index("ix_events_order", "events", _BEFORE)
