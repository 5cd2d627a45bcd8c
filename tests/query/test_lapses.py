"""Listings past their fixed term with no renewal on record, in the answers a user reads: status,
timeline and matrix, over the bundled dataset, on both backends, from stored and re-derived timelines.

The bundled facts have al-Shabaab listed in Australia on 2009-08-21 (two sources: 21 and 22 August)
and re-listed on 2012-08-18, nothing later; Hezbollah's External Security Organisation listed in
2003 and the whole organisation on 2021-11-24 (checked by hand in ../shared/data/facts/events.csv).
"""

from __future__ import annotations

from datetime import date

from click.testing import CliRunner

from proscribe import query
from proscribe.cli import main
from proscribe.store import Store

AU_NOTE = (
    "3-year term (Criminal Code Act 1995 s 102.1(3)) ran out {ran_out} with no renewal on record "
    "since {since}: renewed unreported, or lapsed"
)


def _au_row(answer: dict[str, object]) -> dict[str, object]:
    [jurisdiction] = answer["jurisdictions"]  # type: ignore[index]
    [row] = jurisdiction["lists"]
    return row  # type: ignore[no-any-return]


def test_status_says_the_term_ran_out_and_stays_listed(registry: Store) -> None:
    reader = registry.reader()
    today = _au_row(query.status(reader, "al-shabaab", ["AU"], at=date(2026, 11, 24)))
    assert (today["state"], today["since"]) == ("listed", "2009-08-21")
    assert today["note"] == AU_NOTE.format(ran_out="2015-08-18", since="2012-08-18")
    assert today["lapse"] == {
        "from": "2015-08-18",
        "until": None,
        "last_in_force": "2012-08-18",
        "term_years": 3,
        "basis": "Criminal Code Act 1995 s 102.1(3)",
        "note": today["note"],
    }
    within = _au_row(query.status(reader, "al-shabaab", ["AU"], at=date(2015, 8, 17)))
    assert (within["state"], within["note"], within["lapse"]) == ("listed", None, None)
    # As known on 2012-01-01, the 2012 re-listing was not yet reported: the term ran out in 2012.
    known = _au_row(query.status(reader, "al-shabaab", ["AU"], at=date(2012, 9, 1), as_of=date(2012, 1, 1)))
    assert known["note"] == AU_NOTE.format(ran_out="2012-08-21", since="2009-08-21")
    # Britain's proscription has no term.
    [gb] = query.status(reader, "al-shabaab", ["GB"])["jurisdictions"]
    assert [(row["state"], row["lapse"]) for row in gb["lists"]] == [("listed", None)]


def test_the_timeline_lists_each_stretch_without_a_renewal(registry: Store) -> None:
    [au] = query.timeline(registry.reader(), "hezbollah", ["AU"])["timelines"]
    assert [(x["from"], x["until"], x["last_in_force"]) for x in au["lapses"]] == [
        ("2006-12-31", "2021-11-24", "2003-12-31"),
        ("2024-11-24", None, "2021-11-24"),
    ]
    # Still one listed stretch since 2003: the intervals are the states, untouched.
    assert [(i["state"], i["from"], i["until"]) for i in au["intervals"]] == [
        ("not_listed", None, "2003-01-01"),
        ("uncertain", "2003-01-01", "2003-12-31"),
        ("listed", "2003-12-31", None),
    ]


def test_the_matrix_notes_it_on_the_day(registry: Store) -> None:
    rows = query.matrix(registry.reader(), ["hezbollah"], ["AU"], at=date(2010, 1, 1))["rows"]
    assert [(r["state"], r["since"], r["note"]) for r in rows] == [
        ("listed", "2003", AU_NOTE.format(ran_out="2006-12-31", since="2003-12-31"))
    ]


def test_the_cli_timeline_shows_the_stretches_only_where_a_list_has_a_term(
    registry: Store, db_url: str
) -> None:
    shown = CliRunner().invoke(main, ["--db", db_url, "timeline", "hezbollah", "--in", "AU", "--in", "GB"])
    assert shown.exit_code == 0, shown.output
    section = shown.output.split("Terms run out, no renewal on record (2)\n", 1)[1].splitlines()
    basis = ["Criminal", "Code", "Act", "1995", "s", "102.1(3)"]
    # The open stretch has no `until`: its row reads on without one.
    assert [line.split() for line in section[2:]] == [
        ["AU", "au-terrorist", "2006-12-31", "2021-11-24", "2003-12-31", "3", *basis],
        ["AU", "au-terrorist", "2024-11-24", "2021-11-24", "3", *basis],
    ]
    plain = CliRunner().invoke(main, ["--db", db_url, "timeline", "hezbollah", "--in", "GB"])
    assert plain.exit_code == 0 and "Terms run out" not in plain.output
