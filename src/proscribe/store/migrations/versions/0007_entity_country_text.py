"""An entity's country is text of any length, as its list states it, on every backend.

`entities.country` was VARCHAR(8), made for the ISO codes of the bundled dataset. List adapters
keep the value as the file gives it (OFAC's `add.csv`: `United Arab Emirates`, `Congo, Democratic
Republic of the`). SQLite ignores a VARCHAR length, so its stores hold them; PostgreSQL enforces
it and refused the whole snapshot (the 2019-01 and 2021-07 OFAC sets could not be imported).
SQLite stores the column as TEXT already, so only other backends are altered.

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("entities", "country", type_=sa.Text(), existing_type=sa.String(8))


def downgrade() -> None:
    # Values over 8 characters would not fit again: they are cut, as the old column could not hold them.
    if op.get_bind().dialect.name != "sqlite":
        op.execute("UPDATE entities SET country = LEFT(country, 8) WHERE LENGTH(country) > 8")
        op.alter_column("entities", "country", type_=sa.String(8), existing_type=sa.Text())
