"""Record runs keep the names their record states, so an amendment can say what changed.

`record_spans.names` holds the record's stated names (kind and value, in file order) as JSON.
Runs stored before this revision have none: the next snapshot of each source reads every record
again (not only those whose bytes changed) and gives each run that goes on its names, so from
then on an `amend` claim names the names added and removed.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("record_spans", sa.Column("names", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("record_spans") as batch:
        batch.drop_column("names")
