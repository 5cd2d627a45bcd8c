"""Record runs keep what their record states beyond its names, so a withdrawal can take it back.

`record_spans.details` holds the record's identifiers and countries (JSON `[[kind, value], ...]`,
as `record_details` keeps them) for the run. `record_details` gathers them over every snapshot
read; the runs say which snapshots stated each, so withdrawing a snapshot removes what only its
runs stated. Runs stored before this revision have none: the next snapshot of each source reads
every record again and gives each run that goes on its details; until then, a withdrawal keeps
the details of such a record (nothing is removed on a guess).

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("record_spans", sa.Column("details", sa.Text()))


def downgrade() -> None:
    with op.batch_alter_table("record_spans") as batch:
        batch.drop_column("details")
