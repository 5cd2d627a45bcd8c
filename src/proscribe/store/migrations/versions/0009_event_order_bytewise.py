"""One day's changes are ordered by name code point by code point on PostgreSQL too, as on SQLite.

`events.sort_name` orders the changes of one day (and pages through them with a keyset cursor).
SQLite compares text by code point; PostgreSQL by the database's collation, which a team's server
may well have set to a language's (ICU `en-US`: `GÉDÉON ...` before `GUIDON ...`, where SQLite
has them the other way round), so the same `changes` read in another order. The column takes the
"C" collation (code points), and its index is rebuilt with it. SQLite is unchanged.

Revision ID: 0009
Revises: 0008
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        # Changing the collation rebuilds ix_events_order, which holds the column, with it.
        op.execute('ALTER TABLE events ALTER COLUMN sort_name TYPE VARCHAR(200) COLLATE "C"')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute('ALTER TABLE events ALTER COLUMN sort_name TYPE VARCHAR(200) COLLATE "default"')
