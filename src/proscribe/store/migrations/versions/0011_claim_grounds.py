"""Claims made only because another snapshot says so record that snapshot as their ground.

A whole list leaving out an entry another format of the same publisher dates on it from before is
a `not_listed` claim cited to the whole list; the snapshot stating the date is its ground. When
every ground of such a claim is withdrawn, no read counts it. Claims stored before have no ground
recorded and count as before.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_grounds",
        sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id"), primary_key=True),
    )
    op.create_index("ix_claim_grounds_source_id", "claim_grounds", ["source_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_grounds_source_id", "claim_grounds")
    op.drop_table("claim_grounds")
