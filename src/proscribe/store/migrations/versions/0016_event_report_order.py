"""Changes read by the day first reported page through an index of their own.

`changes --order reported` sorts on the day a held source first reported each change, an event no
source dates counting as reported on 0001-01-01 (proscribe.store.reader.NEVER_REPORTED), then on
the usual order of effect. Without an index that sort read and sorted every matching event for each
page; this index on the same expression lets a page read only its own rows, on SQLite and
PostgreSQL alike. The reader spells the expression exactly as here, or the planners would not match
it (proscribe.store.schema.REPORT_ORDER).

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_ORDER = ["date_latest", "jurisdiction", "list_id", "sort_name", "entity_id", "action", "id"]


def upgrade() -> None:
    op.create_index(
        "ix_events_report_order",
        "events",
        [sa.text("coalesce(first_reported, '0001-01-01')"), *_ORDER],
    )


def downgrade() -> None:
    op.drop_index("ix_events_report_order", table_name="events")
