"""A primary name that is one entity's own name links there, whatever another entity absorbed.

OFAC lists YASA PART (12956) with the names of ten Iranian front companies as aliases; the UK lists
them apart (YASA PART 11222, ARFA PAINT COMPANY 11223, IRAN SAFFRON COMPANY 11227 ...). OFAC's
2016 text list files the entry under all its names alike, so it joins the UK company holding most
of them: IRAN SAFFRON COMPANY (two, IRAN SAFFRON COMPANY and IRANSAFFRON CO, against one each).
That entity then holds YASA PART as well, and OFAC's 2019 entry YASA PART, matching two entities
by its primary name, went to the one holding eleven of its names rather than to the UK's YASA PART.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ingest_helpers import entity_of, fresh_store, shared

from proscribe.ingest.lists import ingest_list


def test_ofac_s_yasa_part_joins_the_uk_s_yasa_part_not_the_company_that_took_its_aliases(
    tmp_path: Path,
) -> None:
    store = fresh_store(tmp_path)
    uk = shared("uk-hmt-ofsi-consolidated", "hmt-sanctionsconlist_2014-04-02.csv")
    text = shared("us-ofac-sdn-txt", "sdnlist_2016-02_excerpt.txt")
    ingest_list(store, "uk-hmt-ofsi-consolidated", [uk])
    ingest_list(store, "us-ofac-sdn-txt", [text], date(2016, 2, 17), partial=True)
    assert entity_of(store, "us-ofac-sdn-txt", "ARFA PAINT COMPANY") == "gb-hmt-11227"
    report = ingest_list(
        store,
        "us-ofac-sdn-csv",
        sorted(shared("us-ofac-sdn-csv", "2019-01").glob("*.csv")),
        date(2019, 1, 15),
    )
    assert entity_of(store, "us-ofac-sdn-csv", "12956") == "gb-hmt-11222"
    assert (
        "12956: its primary name matches several entities; linked to gb-hmt-11222, whose own name it is "
        "(another name of gb-hmt-11227)"
    ) in report.warnings
    # Checked by hand: in each, OFAC's primary name is the UK group's own (its "Prime Alias"), or
    # the text list's entry's first name, and the others hold it as an alias.
    owned = {
        line.split(":")[0]: line.split("linked to ")[1].split(",")[0]
        for line in report.warnings
        if "whose own name it is" in line
    }
    assert owned == {
        "6912": "gb-hmt-6968",  # AL RASHID TRUST
        "7149": "gb-hmt-7210",  # REVIVAL OF ISLAMIC HERITAGE SOCIETY
        "7638": "gb-hmt-8531",  # AL-AQSA E.V.
        "7639": "gb-hmt-7571",  # STICHTING AL-AQSA
        "10932": "ofac-txt-al-haramain-islamic-foundation",  # AL-HARAMAIN ISLAMIC FOUNDATION
        "12744": "gb-hmt-12152",  # CHAM HOLDING
        "12956": "gb-hmt-11222",  # YASA PART
    }
    assert report.links["own name"] == len(owned)
