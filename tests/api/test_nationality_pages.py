"""People's nationalities on the pages, over HTTP: the entity page lists each with its record, the
identity review page gives each pair's verdict and values, and its JSON twin the field. The registry
holds the UN and OFSI fixtures of tests/fixtures/lists/people-nationalities (see
tests/ingest_lists/test_person_nationalities.py for what they state)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from proscribe.ingest.lists import ingest_list

if TYPE_CHECKING:
    from conftest import Live

PEOPLE = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "people-nationalities"
UN, OFSI = "un-sc-consolidated", "uk-hmt-ofsi-consolidated"


def test_the_entity_and_identity_pages_show_the_nationalities(on_each_backend: Live) -> None:
    for source, path in ((UN, PEOPLE / "un_2021-05-01.xml"), (OFSI, PEOPLE / "conlist_2021-06-01.csv")):
        ingest_list(on_each_backend.store, source, [path])
    with on_each_backend.client() as client:
        page = client.get("/entities/gb-hmt-9312").text
        assert (
            '<p class="small muted" id="nationalities">Nationality, as the lists state it:\n'
            'Kenyan <span class="muted">(uk-hmt-ofsi-consolidated 9312)</span>; '
            'Swedish <span class="muted">(uk-hmt-ofsi-consolidated 9312)</span></p>'
        ) in page
        review = client.get("/identity", params={"kind": "person"}).text
        assert '<th scope="col">Nationalities</th>' in review
        assert (
            '<td class="nationalities"><span class="verdict">same</span>\n'
            '      <br><span class="small muted">Afghanistan; Afghan</span></td>'
        ) in review
        twin = client.get("/identity", params={"kind": "person", "format": "json"}).json()
        assert twin["suggestions"][-1]["nationalities"] == {
            "verdict": "differ",
            "entity": ["Somalia"],
            "into": ["Kenyan", "Swedish"],
        }
