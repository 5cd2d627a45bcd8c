"""Events record the first day a held source reported them, so changes can be asked for by it.

`events.first_reported` is derived with the rest of the event (proscribe.store.writer). The column
starts empty: resolver rules 16 record it, so `init` re-derives every stored timeline once and
fills it, and a store left unupgraded is refused until then (proscribe.store.engine).

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("events", sa.Column("first_reported", sa.Date()))
    op.create_index("ix_events_first_reported", "events", ["first_reported"])


def downgrade() -> None:
    op.drop_index("ix_events_first_reported", table_name="events")
    with op.batch_alter_table("events") as batch:
        batch.drop_column("first_reported")
