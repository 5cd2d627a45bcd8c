"""A Taliban entry the UN's file dates before the 1988 list opened, absent from an earlier snapshot:
its removal before that snapshot is dated from the day the 1988 list took it over, not from 2001."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest_helpers import fresh_store

from proscribe import query
from proscribe.ingest.lists import ingest_list

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="{day}T00:00:00.000Z">'
    "<INDIVIDUALS>{people}</INDIVIDUALS><ENTITIES></ENTITIES></CONSOLIDATED_LIST>"
)
PERSON = (
    "<INDIVIDUAL><DATAID>{n}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>{name}</FIRST_NAME>"
    "<UN_LIST_TYPE>Taliban</UN_LIST_TYPE><REFERENCE_NUMBER>TAi.{n}</REFERENCE_NUMBER>"
    "<LISTED_ON>2001-01-25</LISTED_ON></INDIVIDUAL>"
)


def _snapshot(folder: Path, day: str, numbers: tuple[int, ...]) -> Path:
    people = "".join(PERSON.format(n=n, name=f"EXAMPLE PERSON {n}") for n in numbers)
    path = folder / f"un_{day}.xml"
    path.write_text(HEAD.format(day=day, people=people), encoding="utf-8")
    return path


def test_a_removal_from_the_1988_list_is_not_dated_before_the_list_opened(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    # TAi.903 is on the list in 2016, not in January 2017, and again in February (dated 2001).
    for day, numbers in (("2017-01-01", (901,)), ("2017-02-01", (901, 903))):
        ingest_list(store, "un-sc-consolidated", [_snapshot(tmp_path, day, numbers)])
    found = query.changes(store.reader(), None, entities=("un-tai-903",), reported_since=date(2017, 1, 1))
    by_list: dict[str, list[tuple[str, str, list[str]]]] = {}
    for change in found["changes"]:
        by_list.setdefault(change["list"], []).append((change["date"], change["action"], change["notes"]))
    assert by_list["un-1988"] == [
        ("2011-06-17", "list", ["moved from un-1267, which listed it on 2001-01-25"]),
        (
            "2011-06-18/2017-01-01",
            "delist",
            [
                "removed after it came onto un-1988 on 2011-06-17 (taken over from un-1267): the snapshot "
                "of 2017-01-01 does not show the entry, which is listed again later"
            ],
        ),
        (
            "2017-01-02/2017-02-01",
            "relist",
            [
                "listed again: the file dates the listing 2001-01-25, but the snapshot of 2017-01-01 does "
                "not show the entry"
            ],
        ),
    ]
