"""Analysts' rejections of claims that misread their source (stored, counted by no read while in force).

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claim_rejections",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("claim_id", sa.String(40), sa.ForeignKey("claims.id"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Text()),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("restored_at", sa.DateTime(timezone=True)),
        sa.Column("restore_reason", sa.Text()),
        sa.Column("restored_by", sa.Text()),
    )
    op.create_index("ix_claim_rejections_claim_id", "claim_rejections", ["claim_id"])


def downgrade() -> None:
    op.drop_index("ix_claim_rejections_claim_id", "claim_rejections")
    op.drop_table("claim_rejections")
