"""A change the sources date two ways is two rows of `changes`, each saying the date is disputed.

Kazakhstan's removal of the Taliban: three sources date it 2023-12-29, two 2024-06-03 (the bundled
dataset; checked by hand against its claims). Read alone, either row would pass for a removal of its
own; each names the dispute. A dispute a rule settled (a date set aside) leaves no such mark.
"""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from proscribe import query
from proscribe.cli import main
from proscribe.store import Store

DISPUTE = "sources disagree on the date of the delist: 2023-12-29 (3 sources) vs 2024-06-03 (2 sources)"


def test_each_row_of_a_removal_dated_two_ways_names_the_dispute(registry: Store) -> None:
    found = query.changes(registry.reader(), date(2005, 1, 1), jurisdictions=("KZ",), entities=("taliban",))
    assert [(c["date"], c["action"], c["refuted"], c["disputed"]) for c in found["changes"]] == [
        # The 2015 listing was set aside (already listed in 2006 per a curated source): refuted,
        # not disputed; the 2005 listing it disagreed with stands undisputed.
        ("2005-03-15", "list", False, []),
        ("2015", "list", True, []),
        ("2023-12-29", "delist", False, [DISPUTE]),
        ("2024-06-03", "delist", False, [DISPUTE]),
    ]


def test_the_cli_table_leads_a_disputed_changes_notes_with_the_dispute(registry: Store) -> None:
    result = CliRunner().invoke(
        main, ["--db", registry.url, "changes", "--since", "2023-01-01", "--in", "KZ", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    rows = [line for line in result.stdout.splitlines() if ",taliban," in line]
    assert len(rows) == 2
    assert all(f"disputed: {DISPUTE} | " in row for row in rows)
