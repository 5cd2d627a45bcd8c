"""Proposal claims name who decides them (`claims.decider`).

A report of a proposal may say which body the proposal goes to, or that only one body can make the
change ("only by decision of the Supreme Court"); the resolver shows sources that disagree on it
(proscribe.resolve.timeline rule 14). Claims stored before carry none, and their ids do not change
(proscribe.model.claim). Resolver rules 19 keep deciders on events, so `init` re-derives every
stored timeline once.

Revision ID: 0017
Revises: 0016
"""

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("claims", sa.Column("decider", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("claims") as batch:
        batch.drop_column("decider")
