"""Snapshots say what part of the list they hold, and which others they are compared with.

`snapshots.series` names the snapshots a new one is diffed against (the source's name for the
whole list), `scope` and `partial` what part of the list a file holds (a partial file proves no
absence), `unstated` the facets a file set leaves out (an OFAC set without its alias file states
no aliases). Snapshots stored before this revision were all read as whole lists: their series is
their source's name. Those imported from disk lose the official URL they were stored with: no
file was fetched from it (`url` is where `update` fetched a snapshot).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("snapshots", sa.Column("series", sa.String(200)))
    op.add_column("snapshots", sa.Column("scope", sa.Text()))
    op.add_column("snapshots", sa.Column("partial", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("snapshots", sa.Column("unstated", sa.Text()))
    op.execute("UPDATE snapshots SET series = source_name")
    # A snapshot imported from disk (never retrieved) recorded the official URL as if fetched from it.
    op.execute("UPDATE snapshots SET url = NULL WHERE retrieved_at IS NULL")


def downgrade() -> None:
    with op.batch_alter_table("snapshots") as batch:
        for column in ("unstated", "partial", "scope", "series"):
            batch.drop_column(column)
