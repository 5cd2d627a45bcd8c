"""Analysts' identity judgements: two entities are one (`same`) or are not (`distinct`).

A `same` judgement makes every read treat its entity as the other one; claims keep the entity
they were stored with, so withdrawing the judgement restores the store as it was.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.String(40), primary_key=True),
        sa.Column("judgement", sa.String(10), nullable=False),
        sa.Column("entity_id", sa.String(120), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("other_id", sa.String(120), sa.ForeignKey("entities.id"), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("decided_by", sa.Text()),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_at", sa.DateTime(timezone=True)),
        sa.Column("withdraw_reason", sa.Text()),
    )
    op.create_index("ix_judgements_entity_id", "judgements", ["entity_id"])
    op.create_index("ix_judgements_other_id", "judgements", ["other_id"])


def downgrade() -> None:
    op.drop_index("ix_judgements_other_id", "judgements")
    op.drop_index("ix_judgements_entity_id", "judgements")
    op.drop_table("judgements")
