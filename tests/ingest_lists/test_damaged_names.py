"""Names the publisher's file already damaged (U+FFFD in place of letters) are kept, with a warning."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import FIXTURES, fresh_store, shared
from lxml import etree

from proscribe.ingest.lists import ingest_list

DAMAGED = "أبو مخت\ufffd\ufffdر"


def _with_damaged_alias(folder: Path, day: str) -> Path:
    """The 2020-01-01 UN fixture, re-dated `day`, with QDi.901's original-script name damaged."""
    root = etree.parse(str(FIXTURES / "un" / "un_2020-01-01.xml")).getroot()
    root.set("dateGenerated", f"{day}T10:00:00Z")
    [field] = root.iter("NAME_ORIGINAL_SCRIPT")
    field.text = DAMAGED
    path = folder / f"un_damaged_{day}.xml"
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def test_a_damaged_name_is_kept_as_published_and_reported_once(tmp_path: Path) -> None:
    store = fresh_store(tmp_path)
    first = ingest_list(store, "un-sc-consolidated", [_with_damaged_alias(tmp_path, "2020-01-01")])
    assert first.warnings == [
        f"{tmp_path / 'un_damaged_2020-01-01.xml'}: 1 name(s) with characters the publisher's file "
        f"already lost (U+FFFD, or '?' touching a letter), kept as published: QDi.901: {DAMAGED!r}"
    ]
    names = {name.value for name in store.reader().entity("un-qdi-901").names}
    assert DAMAGED in names
    # The next day's list, the record unchanged: nothing new to warn about.
    again = ingest_list(store, "un-sc-consolidated", [_with_damaged_alias(tmp_path, "2020-01-02")])
    assert again.warnings == []


def test_the_real_un_list_of_november_2025_warns_about_its_damaged_arabic_alias(tmp_path: Path) -> None:
    folder = shared("un-sc-consolidated")
    store = fresh_store(tmp_path)
    ingest_list(store, "un-sc-consolidated", [folder / "un-consolidated_2020-03-20.xml"])
    report = ingest_list(store, "un-sc-consolidated", [folder / "un-consolidated_2025-11-20.xml"])
    [warning] = [w for w in report.warnings if "U+FFFD" in w]
    assert warning.endswith("kept as published: TAi.068: 'محمد الل\ufffd\ufffd مطيع'")


def test_question_marks_for_lost_letters_in_the_real_eu_csv_are_reported(tmp_path: Path) -> None:
    """The EU's CSV v1.0 of 2018-07-04 writes letters outside Windows-1252 as '?': Abu Nidal's
    Arabic and Greek names are runs of question marks, "Revolu?n" lost an accent. Checked by hand
    with a regular expression over the names the adapter reads: 165 names."""
    store = fresh_store(tmp_path)
    report = ingest_list(store, "eu-fsf-csv", [shared("eu-fsf", "eu-fsf-csv-v1_2018-07-04_excerpt.csv")])
    [warning] = [w for w in report.warnings if "already lost" in w]
    assert (
        "165 name(s) with characters the publisher's file already lost (U+FFFD, or '?' touching a letter)"
        in warning
    )
    assert "201: '???????? Abu Nidal'" in warning


def test_a_question_mark_standing_alone_is_not_a_lost_letter() -> None:
    from proscribe.sources.records import ListRecord, lost_characters, make_names

    record = ListRecord("1", "organisation", ("l",), make_names("GROUP ? (UNKNOWN)", [("?", "weak_alias")]))
    assert lost_characters([record]) is None
    lost = ListRecord("2", "organisation", ("l",), make_names("Czarny Wrzesie?"))
    assert lost_characters([lost]) is not None
