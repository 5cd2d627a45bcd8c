"""Claims the bundled dataset no longer makes, set aside by `init` (stored, counted by no read).

Revision ID: 0013
Revises: 0012
"""

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "superseded_claims",
        sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id"), primary_key=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("superseded_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("superseded_claims")
