"""`export ftm`: designations as FollowTheMoney entities another tool (yente, OpenSanctions' own
pipeline, Aleph) can load, with the registry's history, its sources and its doubts.

Expected values were read off the bundled dataset by hand (the Taliban's Russian, Kazakh and Kyrgyz
designations, whose dates the README's tour shows) and off the UN fixture files.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import orjson
import pytest

from proscribe.errors import DataError, InputError, NotFoundError
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.query.ftm import ftm_entities
from proscribe.store import Store, open_store
from proscribe.vocab.ftm import parse_vocabulary, vocabulary_path

UN = Path(__file__).resolve().parents[1] / "fixtures" / "lists" / "un"

# Properties of followthemoney 4.11's schemata that the export writes (checked against the library's
# schema definitions): a name outside these would be dropped or refused by an FtM reader.
THING_PROPERTIES = {"name", "alias", "weakAlias", "previousName", "country", "description", "notes", "topics"}
SANCTION_PROPERTIES = {
    "entity",
    "country",
    "program",
    "programId",
    "status",
    "authority",
    "startDate",
    "endDate",
    "authorityId",
    "unscId",
    "provisions",
    "sourceUrl",
    "description",
}
FTM_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _sanctions(items: list[dict[str, Any]], entity_id: str) -> list[tuple[Any, ...]]:
    """(list, status, start, end, authority) of the entity's Sanctions, in export order."""
    return [
        (
            p["programId"][0],
            p["status"][0],
            p.get("startDate", [None])[0],
            p.get("endDate", [None])[0],
            p.get("authority", [None])[0],
        )
        for item in items
        if item["schema"] == "Sanction" and (p := item["properties"])["entity"] == [entity_id]
    ]


def _by_list(items: list[dict[str, Any]], entity_id: str) -> dict[str, dict[str, Any]]:
    """The properties of an entity's Sanctions by list id (one stretch per list in these cases)."""
    return {
        p["programId"][0]: p
        for item in items
        if item["schema"] == "Sanction" and (p := item["properties"])["entity"] == [entity_id]
    }


def _entity(items: list[dict[str, Any]], entity_id: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == entity_id)


def _check_ftm(items: list[dict[str, Any]]) -> None:
    """Every object is FtM-shaped: known schema and properties, unique ids, references that resolve,
    dates FtM reads, lower-case country codes."""
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    for item in items:
        props = item["properties"]
        assert all(isinstance(values, list) and values for values in props.values())
        if item["schema"] == "Sanction":
            assert set(props) <= SANCTION_PROPERTIES, item
            assert props["entity"][0] in ids
            for key in ("startDate", "endDate"):
                assert all(FTM_DATE.match(value) for value in props.get(key, ())), item
        else:
            assert item["schema"] in {"Organization", "Person", "Vessel", "Airplane", "LegalEntity"}
            assert set(props) <= THING_PROPERTIES, item
        assert all(re.fullmatch(r"[a-z]{2}", code) for code in props.get("country", ())), item


def test_the_taliban_designations_keep_their_history_sources_and_doubts(registry: Store) -> None:
    items = list(ftm_entities(registry.reader(), jurisdictions=["RU", "KZ", "KG", "CA"]))
    _check_ftm(items)
    taliban = _entity(items, "taliban")
    assert taliban["schema"] == "Organization"
    assert taliban["properties"]["name"] == ["Taliban"]
    assert {"Талибан", "طالبان", "Taleban"} <= set(taliban["properties"]["alias"])
    assert taliban["properties"]["country"] == ["af"]
    assert taliban["properties"]["topics"] == ["crime.terror"]
    assert _sanctions(items, "taliban") == [
        # Canada: only a curated "still lists" of 2025-04-17, so no start date is claimed; no source
        # names a decider, so the authority is the list's publisher (data/lists), as OpenSanctions fills it.
        ("ca-terrorist", "listed", None, None, "Public Safety Canada"),
        ("kg-banned", "listed", "2006-09-15", "2024-09-02", "Pervomaisky District Court of Bishkek"),
        (
            "kz-terrorist",
            "listed",
            "2005-03-15",
            "2023-12-29",
            "Supreme Court of Kazakhstan; Government of Kazakhstan",
        ),
        ("ru-terrorist", "listed", "2003-02-14", "2025-04-17", "Supreme Court of the Russian Federation"),
        ("ru-terrorist", "suspended", "2025-04-17", None, "Supreme Court of the Russian Federation"),
    ]
    by_list = {
        (s["properties"]["programId"][0], s["properties"]["status"][0]): s["properties"]
        for s in items
        if s["schema"] == "Sanction" and s["properties"]["entity"] == ["taliban"]
    }
    canada = by_list["ca-terrorist", "listed"]
    assert canada["description"] == [
        "at least since 2025-04-17 (per a curated source; earlier state unknown)"
    ]
    # Kazakhstan's delisting: sources say 2023-12-29 or 2024-06-03; the window is said, not hidden.
    assert by_list["kz-terrorist", "listed"]["description"] == ["end reported as 2023-12-29/2024-06-03"]
    # An end is sourced like a start: the listing's source, then the suspension's.
    assert by_list["ru-terrorist", "listed"]["sourceUrl"] == [
        "https://www.rferl.org/a/1102225.html",
        "https://www.asiaplustj.info/en/news/world/20250418/russia-removes-afghanistans-taliban-from-terror-list",
        "https://news.az/news/russia-s-supreme-court-suspends-ban-on-taliban-activities",
    ]
    # Kyrgyzstan's court ban (2006), then the two reports of its removal on 2024-09-02.
    assert by_list["kg-banned", "listed"]["sourceUrl"] == [
        "https://timesca.com/tag/taliban/page/2",
        "https://yenisafak.com/en/news/taliban-disappears-from-kyrgyzstans-list-of-prohibited-organizations-3690483",
        "https://dcyh5l5lgidpq.cloudfront.net/a/kyrgyzstan-afghanistan-taliban-terrorist-list/33109802.html",
    ]
    # Kazakhstan's end is disputed (2023-12-29 or 2024-06-03): the reports of both dates are cited.
    assert by_list["kz-terrorist", "listed"]["sourceUrl"] == [
        "https://timesca.com/tag/taliban/page/2",
        "https://amu.tv/?p=77736",
        "https://zarintv.com/english/20231230495",
        "https://bnnbreaking.com/world/afghanistan/kazakhstan-removes-taliban-from-banned-list-a-shift-in-diplomatic-relations/",
        "https://1lurer.am/en/2024/06/03/1/1135417",
        "https://theatlasnews.co/brief/2024/06/03/kazakhstan-removes-taliban-from-terror-list/",
    ]
    # A designation still in force has no end to source: the suspension cites its own two reports.
    assert (
        by_list["ru-terrorist", "suspended"]["sourceUrl"]
        == by_list["ru-terrorist", "listed"]["sourceUrl"][1:]
    )
    assert by_list["ru-terrorist", "listed"]["country"] == ["ru"]
    assert by_list["ru-terrorist", "suspended"]["description"] == [
        "legal basis: Federal Law On Countering Terrorism (2024 amendments)"
    ]


def test_one_entity_named_in_any_script_is_exported_alone(registry: Store) -> None:
    items = list(ftm_entities(registry.reader(), entities=["Талибан"]))
    _check_ftm(items)
    assert [item["id"] for item in items if item["schema"] != "Sanction"] == ["taliban"]
    # Every list of the Taliban's: the four above, Tajikistan and Turkey (still listing, with no
    # start the sources give) and the UN's 1267 regime, split in 2011 into 1988.
    assert [s[:4] for s in _sanctions(items, "taliban")] == [
        ("ca-terrorist", "listed", None, None),
        ("kg-banned", "listed", "2006-09-15", "2024-09-02"),
        ("kz-terrorist", "listed", "2005-03-15", "2023-12-29"),
        ("ru-terrorist", "listed", "2003-02-14", "2025-04-17"),
        ("ru-terrorist", "suspended", "2025-04-17", None),
        ("tj-terrorist", "listed", None, None),
        ("tr-terrorist", "listed", None, None),
        ("un-1267", "listed", "1999", "2011-06-17"),
        ("un-1988", "listed", "2011-06-17", None),
    ]
    with pytest.raises(NotFoundError, match="unknown entity 'no-such-group'"):
        list(ftm_entities(registry.reader(), entities=["no-such-group"]))


def test_at_keeps_the_designations_in_force_and_as_of_what_was_known(registry: Store) -> None:
    reader = registry.reader()
    on_day = list(ftm_entities(reader, at=date(2024, 6, 1), jurisdictions=["RU", "KZ", "KG"]))
    assert [(s[0], s[1]) for s in _sanctions(on_day, "taliban")] == [
        ("kg-banned", "listed"),
        ("ru-terrorist", "listed"),
    ]
    # Before the suspension was reported, Russia's listing had no end.
    known = list(ftm_entities(reader, as_of=date(2024, 5, 28), jurisdictions=["RU"]))
    assert _sanctions(known, "taliban") == [
        ("ru-terrorist", "listed", "2003-02-14", None, "Supreme Court of the Russian Federation")
    ]
    # The window in which Kazakhstan's state is unsure is a designation only when asked for.
    unsure = list(ftm_entities(reader, jurisdictions=["KZ"], states=["uncertain"]))
    assert _sanctions(unsure, "taliban")[0][:4] == ("kz-terrorist", "uncertain", "2023-12-29", "2024-06-03")
    with pytest.raises(InputError, match="cannot export the state"):
        list(ftm_entities(reader, states=["not_listed"]))


def test_official_list_entries_carry_their_numbers_and_the_list_url(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'un.db'}")
    init_registry(store)
    for name in ("un_2020-01-01.xml", "un_2020-01-15.xml"):
        ingest_list(store, "un-sc-consolidated", [UN / name])
    items = list(ftm_entities(store.reader(), jurisdictions=["UN"]))
    _check_ftm(items)
    assert _entity(items, "un-qdi-901")["schema"] == "Person"
    assert _entity(items, "un-qdi-901")["properties"]["weakAlias"] == ["The Tester"]
    assert _entity(items, "un-qde-900")["properties"]["previousName"] == ["Old Example Group"]
    # TAi.902 left the list between the two snapshots: listed from its LISTED_ON date, on the 1267
    # list until the 1988 list took over its Taliban entries (2011-06-17, data/lists: opened_on), and
    # ended in the window the snapshots leave (exported as its first day, the window said).
    assert _sanctions(items, "un-tai-902") == [
        ("un-1267", "listed", "2001-01-25", "2011-06-17", "UN Security Council"),
        ("un-1988", "listed", "2011-06-17", "2020-01-02", "UN Security Council"),
    ]
    tai = _by_list(items, "un-tai-902")["un-1988"]
    assert tai["authorityId"] == ["TAi.902"]
    assert tai["unscId"] == ["TAi.902"]
    assert tai["sourceUrl"] == ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"]
    assert tai["description"] == [
        "end reported as 2020-01-02/2020-01-15; taken over from un-1267 when this list opened on 2011-06-17"
    ]
    # The stretch before ends when the 1988 list took the entry over: no delisting, and it says so.
    assert _by_list(items, "un-tai-902")["un-1267"]["description"] == [
        "moved to un-1988 when it took over this list's entries on 2011-06-17: a transfer, not an end of "
        "sanctions"
    ]
    store.dispose()


def test_a_sanction_names_the_part_of_the_organisation_listed(registry: Store) -> None:
    reader = registry.reader()
    items = list(ftm_entities(reader, entities=["hezbollah"], jurisdictions=["EU", "GB"]))
    _check_ftm(items)
    hezbollah = _by_list(items, "hezbollah")
    # The EU lists Hezbollah's military wing (2013), not the organisation.
    assert hezbollah["eu-terrorist"]["provisions"] == ["military wing"]
    # The UK proscribed its External Security Organisation (2001), then its military wing (2008),
    # then the whole organisation (2019): the stretch since 2001 says so, and cites each listing.
    proscribed = hezbollah["gb-proscribed"]
    assert proscribed["startDate"] == ["2001-03-29"]
    assert proscribed["provisions"] == ["whole organisation (since 2019-03-01)"]
    assert proscribed["description"] == [
        "legal basis: Terrorism Act 2000 (Proscribed Organisations) (Amendment) Order 2001; "
        "before 2019-03-01 the listing covered: External Security Organisation; military wing"
    ]
    assert proscribed["sourceUrl"] == [
        "https://www.statewatch.org/news/2001/june/uk-terrorism-act-21-new-proscribed-organisations/",
        "https://worldisraelnews.com/uk-hezbollah-to-be-banned-in-its-entirety/",
        "https://thearabweekly.com/uk-moves-designate-hezbollah-terrorist-group",
    ]
    # No source names a part of OFSI's asset freeze: nothing is said.
    assert "provisions" not in hezbollah["gb-sanctions-ct"]
    # In force on a day before the whole organisation was: the scope of that day.
    then = _by_list(list(ftm_entities(reader, at=date(2015, 1, 1), entities=["hezbollah"])), "hezbollah")
    assert then["gb-proscribed"]["provisions"] == [
        "External Security Organisation; military wing (since 2008)"
    ]
    assert then["gb-proscribed"]["description"] == [
        "legal basis: Terrorism Act 2000 (Proscribed Organisations) (Amendment) Order 2001; "
        "before 2008 the listing covered: External Security Organisation"
    ]
    # The United States designated chapters of the Muslim Brotherhood (2026), not the movement.
    brotherhood = _by_list(
        list(ftm_entities(reader, entities=["muslim-brotherhood"], jurisdictions=["US", "JO"])),
        "muslim-brotherhood",
    )
    assert {key: p.get("provisions") for key, p in brotherhood.items()} == {
        "jo-banned": ["whole organisation"],
        "us-fto": ["chapter"],
        "us-sdgt": ["chapter"],
    }


OFSI_HEADER = (
    "Name 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title,DOB,Town of Birth,Country of Birth,Nationality,"
    "Passport Details,NI Number,Position,Address 1,Address 2,Address 3,Address 4,Address 5,Address 6,"
    "Post/Zip Code,Country,Other Information,Group Type,Alias Type,Regime,Listed On,Last Updated,Group ID"
)


def _ofsi_row(name: str, regime: str, listed_on: str, group: str) -> str:
    """One entity row of OFSI's consolidated list CSV (its primary name only)."""
    return f"{name},{',' * 21},Entity,Prime Alias,{regime},{listed_on},01/01/2020,{group}"


def test_a_closed_list_is_not_exported_as_in_force(tmp_path: Path) -> None:
    """OFSI closed its consolidated list (gb-hmt) on 2026-01-28 (data/lists/official.yaml)."""
    store = open_store(f"sqlite:///{tmp_path / 'ofsi.db'}")
    init_registry(store)
    kept = _ofsi_row("EXAMPLE SHIPPING CO", "Libya", "02/05/2019", "9501")
    dropped = _ofsi_row("SPECIMEN TRADERS", "Libya", "10/10/2019", "9502")
    # A counter-terrorism regime also puts the record on the registry's gb-sanctions-ct.
    terror = _ofsi_row("EXAMPLE RELIEF FRONT", "Terrorism and Terrorist Financing", "02/05/2019", "9503")
    for day, rows in (("01/06/2020", [kept, dropped, terror]), ("01/09/2020", [kept, terror])):
        snapshot = tmp_path / f"conlist_{day[6:]}-{day[3:5]}-{day[:2]}.csv"
        snapshot.write_text("\n".join([f"Last Updated,{day}", OFSI_HEADER, *rows]) + "\n", encoding="cp1252")
        # Whole: a list this short losing one record in three would otherwise be refused as cut.
        ingest_list(store, "uk-hmt-ofsi-consolidated", [snapshot], whole=True)
    reader = store.reader()
    closed = (
        "list closed on 2026-01-28; succeeded by gb-uksl: the state is the last recorded from it; "
        "endDate is the list's closing day, not a delisting"
    )
    history = list(ftm_entities(reader, jurisdictions=["GB"]))
    _check_ftm(history)
    # Still on the list in its last snapshot held: its stretch ends with the list, and says so.
    assert _sanctions(history, "gb-hmt-9501") == [
        ("gb-hmt", "listed", "2019-05-02", "2026-01-28", "HM Treasury (OFSI)")
    ]
    assert _by_list(history, "gb-hmt-9501")["gb-hmt"]["description"] == [closed]
    # Delisted in 2020, long before the list closed: its own end, no closure.
    assert _sanctions(history, "gb-hmt-9502") == [
        ("gb-hmt", "listed", "2019-10-10", "2020-06-02", "HM Treasury (OFSI)")
    ]
    assert _by_list(history, "gb-hmt-9502")["gb-hmt"]["description"] == [
        "end reported as 2020-06-02/2020-09-01"
    ]
    # The registry's own counter-terrorism list is not closed: its stretch stays open.
    assert _sanctions(history, "gb-hmt-9503") == [
        ("gb-hmt", "listed", "2019-05-02", "2026-01-28", "HM Treasury (OFSI)"),
        ("gb-sanctions-ct", "listed", "2019-05-02", None, "HM Treasury (OFSI)"),
    ]
    # The day before it closed the list was in force; from its closing day it designates no one.
    before = list(ftm_entities(reader, at=date(2026, 1, 27), jurisdictions=["GB"], lists=["gb-hmt"]))
    assert _sanctions(before, "gb-hmt-9501") == [
        ("gb-hmt", "listed", "2019-05-02", "2026-01-28", "HM Treasury (OFSI)")
    ]
    assert list(ftm_entities(reader, at=date(2026, 1, 28), lists=["gb-hmt"])) == []
    after = list(ftm_entities(reader, at=date(2026, 11, 25), jurisdictions=["GB"]))
    assert "gb-hmt-9501" not in {item["id"] for item in after}
    assert _sanctions(after, "gb-hmt-9503") == [
        ("gb-sanctions-ct", "listed", "2019-05-02", None, "HM Treasury (OFSI)")
    ]
    store.dispose()


def test_the_vocabulary_must_cover_every_kind(tmp_path: Path) -> None:
    text = vocabulary_path().read_text(encoding="utf-8")
    broken = tmp_path / "ftm.yaml"
    broken.write_text(text.replace("  vessel: Vessel\n", ""), encoding="utf-8")
    with pytest.raises(DataError, match=r"ftm.yaml: schemata: no entry for vessel"):
        parse_vocabulary(broken)
    broken.write_text(text.replace("  terrorist: [crime.terror]", "  terrorist: [Terror!]"), encoding="utf-8")
    with pytest.raises(DataError, match=r"topics.terrorist"):
        parse_vocabulary(broken)


def _proscribe(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The installed `proscribe`, in a process of its own, as a user's shell runs it."""
    script = Path(sys.executable).with_name("proscribe")
    return subprocess.run(
        [str(script), "--db", f"sqlite:///{db}", *args], capture_output=True, text=True, check=False
    )


def test_the_command_writes_json_lines_whole_or_not_at_all(sqlite_registry: Store, tmp_path: Path) -> None:
    db = Path(str(sqlite_registry.engine.url.database))
    out = tmp_path / "ru.jsonl"
    done = _proscribe(db, "export", "ftm", "--in", "RU", "--at", "2024-06-01", "--out", str(out))
    assert done.returncode == 0, done.stderr
    lines = [orjson.loads(line) for line in out.read_bytes().splitlines()]
    entities = [item for item in lines if item["schema"] != "Sanction"]
    sanctions = [item for item in lines if item["schema"] == "Sanction"]
    assert done.stderr.strip() == (
        f"exported {len(entities)} entities and {len(sanctions)} designations to {out}"
    )
    # The bundled dataset's Russian designations in force on 2024-06-01: 14 entities, 15 listings.
    assert done.stderr.strip() == f"exported 14 entities and 15 designations to {out}"
    assert Counter(s["properties"]["programId"][0] for s in sanctions) == {
        "ru-terrorist": 10,
        "ru-extremist": 4,
        "ru-rosfinmonitoring": 1,
    }
    assert "taliban" in {item["id"] for item in entities}
    streamed = _proscribe(db, "export", "ftm", "--in", "RU", "--at", "2024-06-01")
    assert streamed.stdout.encode() == out.read_bytes()
    refused = _proscribe(db, "export", "ftm", "--in", "XX", "--out", str(tmp_path / "none.jsonl"))
    assert refused.returncode == 2 and "unknown jurisdiction 'XX'" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith((".none", "none"))) == []
