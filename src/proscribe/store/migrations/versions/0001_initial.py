"""Initial schema: registry, claims (append-only), derived timelines/events, snapshots, API tokens.

Revision ID: 0001
Revises:
"""

from alembic import op

from proscribe.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The first revision creates the schema as declared; later revisions are explicit diffs.
    metadata.create_all(bind=op.get_bind())


def downgrade() -> None:
    metadata.drop_all(bind=op.get_bind())
