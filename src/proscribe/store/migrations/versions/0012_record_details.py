"""What each list record states beyond its names: the identifiers it gives and its countries.

A split (`identity split`) moves a falsely linked record off its entity; the identifiers that
record alone lent the entity (other lists' numbers it cites) must go with it, or a later record
citing one would join the wrong entity again. Records read before this revision have no rows: a
split then takes their own number only, as before.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "record_details",
        sa.Column("source_name", sa.String(80), primary_key=True),
        sa.Column("record_key", sa.String(200), primary_key=True),
        sa.Column("kind", sa.String(20), primary_key=True),
        sa.Column("value", sa.Text(), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("record_details")
