"""Withdrawn list snapshots: an import an analyst takes back (a wrong date, a part read as the whole).

The snapshot is no longer held (its row moves here, with the reason, who and when); its claims stay
stored, as every claim does, and no read counts them.

Revision ID: 0008
Revises: 0007
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "withdrawn_snapshots",
        sa.Column("source_id", sa.String(40), sa.ForeignKey("sources.id"), primary_key=True),
        sa.Column("source_name", sa.String(80), nullable=False),
        sa.Column("series", sa.String(200)),
        sa.Column("snapshot_date", sa.Date(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("filename", sa.Text()),
        sa.Column("record_count", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Text()),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_withdrawn_snapshots_source_name", "withdrawn_snapshots", ["source_name"])


def downgrade() -> None:
    op.drop_index("ix_withdrawn_snapshots_source_name", "withdrawn_snapshots")
    op.drop_table("withdrawn_snapshots")
