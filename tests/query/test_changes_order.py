"""Changes of one day, list and name read in the same order in every store: by entity, then action.

The event id hashes an event's claims, and a store that imported its files out of date order
holds more claims for the same events; ordered by id, two entries of one name listed the same
day (OFAC's two TERIBERKA vessels) came out in either order.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from proscribe import query
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.store import open_store


def _entity(ref: str) -> str:
    return (
        f"<ENTITY><DATAID>{ref[-3:]}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>TWIN TRADING</FIRST_NAME>"
        f"<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER>"
        "<LISTED_ON>2014-05-14</LISTED_ON></ENTITY>"
    )


def test_entries_of_one_name_listed_the_same_day_read_in_entity_order(tmp_path: Path) -> None:
    path = tmp_path / "un.xml"
    entries = "".join(_entity(ref) for ref in ("QDe.971", "QDe.970", "QDe.972"))
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><CONSOLIDATED_LIST dateGenerated="2021-01-01T00:00:00Z">'
        f"<INDIVIDUALS/><ENTITIES>{entries}</ENTITIES></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    store = open_store(f"sqlite:///{tmp_path / 'proscribe.db'}")
    init_registry(store)
    ingest_list(store, "un-sc-consolidated", [path])
    reader = store.reader()
    oldest = query.changes(reader, date(2014, 5, 14), date(2014, 5, 14), jurisdictions=("UN",))["changes"]
    assert [row["entity_id"] for row in oldest] == ["un-qde-970", "un-qde-971", "un-qde-972"]
    newest = query.changes(
        reader, date(2014, 5, 14), date(2014, 5, 14), jurisdictions=("UN",), order="newest"
    )["changes"]
    assert [row["entity_id"] for row in newest] == ["un-qde-972", "un-qde-971", "un-qde-970"]
    # Paged one row at a time, the cursor walks the same order.
    walked, cursor = [], None
    for _ in range(3):
        page = query.changes(
            reader, date(2014, 5, 14), date(2014, 5, 14), jurisdictions=("UN",), limit=1, cursor=cursor
        )
        walked += [row["entity_id"] for row in page["changes"]]
        cursor = page["next_cursor"]
    assert walked == ["un-qde-970", "un-qde-971", "un-qde-972"]
