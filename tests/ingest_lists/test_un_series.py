"""Acceptance of issue 3 on the real UN consolidated-list snapshots in ../shared/data/lists."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from ingest_helpers import fresh_store, shared

from proscribe import query
from proscribe.ingest.lists import ingest_list
from proscribe.model import Identifier
from proscribe.store import Store


def _changes(store: Store, since: str, until: str) -> list[tuple[str, str, str]]:
    data = query.changes(
        store.reader(),
        date.fromisoformat(since),
        date.fromisoformat(until),
        jurisdictions=("UN",),
        limit=1000,
    )
    rows: list[dict[str, Any]] = data["changes"]
    return sorted((row["entity_id"], row["action"], row["date"]) for row in rows if row["action"] != "amend")


def test_three_delistings_between_june_30_and_july_3_2017(un_store: Store) -> None:
    found = _changes(un_store, "2017-06-25", "2017-07-05")
    delists = [row for row in found if row[1] == "delist" and row[2] == "2017-07-01/2017-07-03"]
    assert delists == [
        ("un-qdi-168", "delist", "2017-07-01/2017-07-03"),
        ("un-qdi-169", "delist", "2017-07-01/2017-07-03"),
        ("un-qdi-170", "delist", "2017-07-01/2017-07-03"),
    ]


def test_one_removal_and_four_listings_between_nov_2025_and_feb_2026(un_store: Store) -> None:
    found = _changes(un_store, "2025-11-21", "2026-02-27")
    assert ("un-iqi-074", "delist", "2025-11-21/2026-02-27") in found
    listed = [row for row in found if row[1] == "list" and row[2] == "2026-02-24"]
    assert listed == [(f"un-sdi-0{n:02d}", "list", "2026-02-24") for n in (7, 8, 9, 10)]


def test_jawlani_not_listed_in_2026_after_listing_in_2013(un_store: Store) -> None:
    reader = un_store.reader()
    status = query.status(reader, "Abu Mohammed al-Jawlani", jurisdictions=("UN",), at=date(2026, 1, 1))
    assert status["entity"]["id"] == "un-qdi-317"
    lists = status["jurisdictions"][0]["lists"]
    assert [(item["list"], item["state"]) for item in lists] == [("un-1267", "not_listed")]
    earlier = query.status(reader, "un-qdi-317", jurisdictions=("UN",), at=date(2015, 1, 1))
    assert [(i["state"], i["since"]) for i in earlier["jurisdictions"][0]["lists"]] == [
        ("listed", "2013-07-24")
    ]


def test_nusrah_front_entry_links_to_hts_and_joins_the_curated_timeline(un_store: Store) -> None:
    data = query.timeline(un_store.reader(), "hts", jurisdictions=("UN",))
    un_1267 = next(t for t in data["timelines"] if t["list"] == "un-1267")
    kinds = {data["claims"][c]["source"]["kind"] for e in un_1267["events"] for c in e["claims"]}
    assert {"official_list", "curated"} <= kinds
    listing = [e for e in un_1267["events"] if e["action"] == "list" and e["date"] == "2014-05-14"]
    assert listing, "QDe.137's LISTED_ON 2014-05-14 should be an event on the hts timeline"


def test_reingesting_a_snapshot_adds_nothing(un_store: Store) -> None:
    before = un_store.reader().content_hash()
    report = ingest_list(
        un_store, "un-sc-consolidated", [shared("un-sc-consolidated", "un-consolidated_2017-06-30.xml")]
    )
    assert (report.new_claims, report.new_entities, report.already_held) == (0, 0, True)
    # The 2017-06-30 file shows the same 1024 records as 2017-06-20: every run goes on through
    # it, so no claim cites it; it is a sighting of each of them.
    assert (report.records, report.existing_claims, report.snapshot_date) == (1024, 0, date(2017, 6, 30))
    assert un_store.reader().content_hash() == before


def test_a_snapshot_state_claim_shows_the_run_of_snapshots_it_stands_for(un_store: Store) -> None:
    # QDe.137 (hts) is in the ten full UN snapshots (not the 2016 excerpt); its names changed by
    # 2018-06-07 (an amendment), so two runs. Its evidence shows each run's extent.
    rows = query.sources(un_store.reader(), "hts", ["UN"])["claims"]
    runs = [
        (r["date"], r["sightings"]["count"], r["sightings"]["last"])
        for r in rows
        if r["kind"] == "state" and r.get("sightings")
    ]
    assert runs == [("2017-06-20", 3, "2017-07-03"), ("2018-06-07", 7, "2026-02-27")]


def test_the_un_names_of_the_nusrah_front_entry_make_hts_searchable(un_store: Store) -> None:
    """QDe.137 links to the curated hts entity, which gains the UN's names and reference number."""
    reader = un_store.reader()
    for name in ("Jabhat Fatah al-Sham", "Assembly for the Liberation of Syria", "جبهة فتح الشام"):
        assert reader.resolve_ref(name) == ("hts", "Hay'at Tahrir al-Sham")
    hts = reader.entity("hts")
    assert hts.name == "Hay'at Tahrir al-Sham"
    assert Identifier("un", "QDe.137") in hts.identifiers
    lent = {n.value: n.kind for n in hts.names}
    assert lent["AL-NUSRAH FRONT FOR THE PEOPLE OF THE LEVANT"] == "alias"
    assert lent["Front for the Conquest of Syria"] == "alias"


def test_the_un_list_overrules_a_reported_removal_of_hts(un_store: Store) -> None:
    """A blog (curated, tier 2) says the UN struck HTS off on 2025-11-06; the UN's own list still
    shows QDe.137 on 2025-11-20 and 2026-02-27. The list prevails; the report is shown, set aside."""
    reader = un_store.reader()
    status = query.status(reader, "hts", jurisdictions=("UN",), at=date(2026, 1, 1))
    [un_1267] = status["jurisdictions"][0]["lists"]
    assert (un_1267["list"], un_1267["state"], un_1267["since"]) == ("un-1267", "listed", "2014-05-14")
    [timeline] = [t for t in reader.timelines(entity_ids=["hts"]) if t.list_id == "un-1267"]
    assert [(c.kind, c.window.iso() if c.window else None) for c in timeline.conflicts] == [
        ("overruled", "2025-11-20/2026-02-27")
    ]
    assert [e.date.iso() for e in timeline.events if e.action == "delist" and e.refuted] == ["2025-11-06"]
    # What the sources said before the first later snapshot: the removal stood.
    known_then = query.status(
        reader, "hts", jurisdictions=("UN",), at=date(2025, 11, 10), as_of=date(2025, 11, 10)
    )
    assert known_then["jurisdictions"][0]["lists"][0]["state"] == "not_listed"


def test_the_overruled_removal_of_hts_reads_the_same_from_fewer_snapshots(
    un_store: Store, tmp_path: Path
) -> None:
    """Held with only the 2017-06-30 snapshot before them, the 2025 and 2026 snapshots give the
    Nusrah Front entry an amendment dated by 2025-11-20 beside the run; the conflict with the
    reported removal cited that amendment's one day instead of both sightings (found by ingesting
    the series in random orders)."""
    store = fresh_store(tmp_path)
    for day in ("2017-06-30", "2025-11-20", "2026-02-27"):
        ingest_list(store, "un-sc-consolidated", [shared("un-sc-consolidated", f"un-consolidated_{day}.xml")])
    described = []
    for each in (un_store, store):
        [timeline] = [t for t in each.reader().timelines(entity_ids=["hts"]) if t.list_id == "un-1267"]
        described.append(
            [(c.kind, c.description, c.window.iso() if c.window else None) for c in timeline.conflicts]
        )
    assert (
        described[0]
        == described[1]
        == [
            (
                "overruled",
                "a delisting on 2025-11-06 (1 source) is contradicted by a more trusted source showing the "
                "entity listed on 2 snapshots from 2025-11-20 to 2026-02-27",
                "2025-11-20/2026-02-27",
            )
        ]
    )


def test_amendments_say_which_names_changed(un_store: Store) -> None:
    # Checked by hand against the 2017-07-03 and 2018-06-07 files: QDi.341's name gained two
    # given names, and QDi.204's a.k.a.s "Abu Musab" and "Salahudin" went from Good to Low quality.
    data = query.changes(
        un_store.reader(),
        date(2017, 7, 4),
        date(2018, 6, 7),
        jurisdictions=("UN",),
        entities=("un-qdi-341", "un-qdi-204"),
    )
    amends = {
        (row["entity_id"], row["date"]): row["notes"] for row in data["changes"] if row["action"] == "amend"
    }
    assert amends == {
        ("un-qdi-341", "2017-07-04/2018-06-07"): [
            'renamed "KEVIN GUIAVARCH" -> "KEVIN JORDAN AXEL GUIAVARCH"'
        ],
        ("un-qdi-204", "2017-07-04/2018-06-07"): [
            'names re-classed: "Abu Musab" alias -> weak alias, "Salahudin" alias -> weak alias'
        ],
    }


def test_names_the_un_only_retyped_in_capitals_are_no_amendment(un_store: Store) -> None:
    # Checked by hand: the 2018-08-24 file writes "IRAQI NEWS AGENCY" (IQe.060), which the file of
    # 2018-06-21 wrote "IraqI NEWS AGENCY"; the 2020-03-20 file capitalises "Jund Al Aqsa" (QDe.156);
    # the 2025-11-20 file capitalises QDi.329's seven a.k.a.s, and QDi.152's. Nothing else changed
    # in their names, and "what changed" should not send an analyst to read four retyped entries.
    entities = ("un-iqe-060", "un-qde-156", "un-qdi-329", "un-qdi-152")
    data = query.changes(
        un_store.reader(), date(2016, 1, 1), jurisdictions=("UN",), entities=entities, limit=1000
    )
    assert [row for row in data["changes"] if row["action"] == "amend"] == []
    assert un_store.reader().entity("un-iqe-060").name == "IRAQI NEWS AGENCY"


def test_each_amendment_of_an_entry_keeps_the_window_it_was_seen_in(un_store: Store) -> None:
    # Checked by hand in the 2018-08-24, 2018-10-29, 2020-03-20 and 2025-11-20 files: LYi.025 was
    # renamed twice and later had three weak aliases re-classed: three amendments, each dated
    # between the two snapshots that show it (adjacent windows were merged into the first).
    data = query.changes(
        un_store.reader(), date(2018, 7, 1), date(2026, 1, 1), jurisdictions=("UN",), entities=("un-lyi-025",)
    )
    amends = [(row["date"], len(row["notes"])) for row in data["changes"] if row["action"] == "amend"]
    assert amends == [
        ("2018-08-25/2018-10-29", 1),
        ("2018-10-30/2020-03-20", 1),
        ("2020-03-21/2025-11-20", 1),
    ]
    later = query.changes(
        un_store.reader(), date(2021, 1, 1), jurisdictions=("UN",), entities=("un-lyi-025",)
    )
    assert [(row["action"], row["date"]) for row in later["changes"]] == [("amend", "2020-03-21/2025-11-20")]


def test_the_un_overview_leads_with_its_latest_changes(un_store: Store) -> None:
    """The jurisdiction page's changes are the newest, not the first ones recorded: with every
    snapshot held, the UN's latest are the 2026 removal of IQi.074 and the four Sudan listings."""
    overview = query.jurisdiction_overview(un_store.reader(), "UN", at=date(2026, 3, 1))
    assert len(overview["changes"]) == 100 and overview["more_changes"] is True
    latest = [(c["date"], c["entity_id"], c["action"]) for c in overview["changes"][:5]]
    assert latest[0] == ("2025-11-21/2026-02-27", "un-iqi-074", "delist")
    assert sorted(latest[1:]) == [("2026-02-24", f"un-sdi-{n:03}", "list") for n in range(7, 11)]
    ends = [c["date"].rsplit("/", 1)[-1] for c in overview["changes"]]
    assert ends == sorted(ends, reverse=True)


def test_each_answer_says_when_the_list_last_showed_the_entity(un_store: Store) -> None:
    """`last_seen`: the newest UN snapshot held, up to the day asked (and the knowledge date), that
    shows the entity on the list; after a delisting, the last one that still did."""
    reader = un_store.reader()

    def seen(entity: str, at: str, as_of: str | None = None) -> str | None:
        known = date.fromisoformat(as_of) if as_of else None
        answer = query.status(reader, entity, ["UN"], at=date.fromisoformat(at), as_of=known)
        [row] = [item for j in answer["jurisdictions"] for item in j["lists"] if item["list"] == "un-1267"]
        return row["last_seen"]

    # QDe.137 (hts) is in every full snapshot from 2017-06-20 on, not in the 2016 excerpt.
    assert seen("hts", "2026-11-22") == "2026-02-27"
    assert seen("hts", "2019-01-01") == "2018-10-29"
    assert seen("hts", "2026-11-22", as_of="2019-01-01") == "2018-10-29"
    assert seen("hts", "2017-06-19") is None
    # QDi.168, delisted between 2017-06-30 and 2017-07-03: not listed, last seen on 2017-06-30.
    assert seen("un-qdi-168", "2018-01-01") == "2017-06-30"
    [line] = query.timeline(reader, "un-qdi-168")["timelines"]
    assert line["seen_on"] == ["2017-06-20", "2017-06-30"]


def test_the_2025_iran_relistings_are_relistings_not_unbroken_listings(un_store: Store) -> None:
    """IRi.025 is dated 2006-12-23 in the 2025-11-20 file, but no whole snapshot of 2017 to 2020 shows
    it (the UN lifted its Iran sanctions in January 2016 and re-imposed them in September 2025)."""
    reader = un_store.reader()

    def state(at: str) -> tuple[str, str]:
        status = query.status(reader, "un-iri-025", jurisdictions=("UN",), at=date.fromisoformat(at))
        (item,) = status["jurisdictions"][0]["lists"]
        return item["state"], item["since"]

    assert state("2006-12-23") == ("listed", "2006-12-23")
    assert state("2018-06-07") == ("not_listed", "2006-12-24/2017-06-20")
    assert state("2026-01-01") == ("listed", "2020-03-21/2025-11-20")
    found = _changes(un_store, "2020-03-21", "2025-11-20")
    relisted = [row for row in found if row[1] == "relist"]
    # Counted by hand in the files: 37 IRi/IRe entries absent from 2020-03-20, back on 2025-11-20
    # with a LISTED_ON before 2020.
    assert len(relisted) == 37
    assert ("un-iri-025", "relist", "2020-03-21/2025-11-20") in relisted
    assert {row[0][:6] for row in relisted} == {"un-iri", "un-ire"}


def _history(store: Store) -> list[tuple[Any, ...]]:
    """Every UN change as a user reads it: date, entity and its name, list, action, authority, notes."""
    rows = query.changes(store.reader(), date(1990, 1, 1), jurisdictions=("UN",), limit=100_000)["changes"]
    return [
        (
            r["date"],
            r["entity_id"],
            r["name"],
            r["list"],
            r["action"],
            r["authority"],
            r["refuted"],
            r["notes"],
        )
        for r in rows
    ]


def test_the_series_imported_newest_first_tells_the_same_history(un_store: Store, tmp_path: Path) -> None:
    """Imported newest first, the files give the same changes, names, notes and conflicts.

    Before, the 37 Iran entries re-listed in 2025 lapsed within (their listing, 2020-03-20] (the
    oldest file held when the 2025 one came in) instead of (..., 2017-06-20], their notes named
    every file imported after, entities kept the names of the newest file only because it came
    first, and a conflict counted each run of the UN entry as a source.
    """
    store = fresh_store(tmp_path)
    for path in sorted(shared("un-sc-consolidated").glob("*.xml"), reverse=True):
        ingest_list(store, "un-sc-consolidated", [path], partial="excerpt" in path.name)
    history = _history(store)
    # 12 fewer since names retyped in capitals are no amendment; 228 more since the 114 Taliban
    # entries the files date before 2011-06-17 were on the 1267 list until the 1988 list took them
    # over (a listing moved to un-1267, a delisting from it and a listing on un-1988 each).
    assert len(history) == 1_865
    assert history == _history(un_store)
    for each in (store, un_store):
        reader = each.reader()
        # KPe.054, "MINISTRY OF THE PEOPLE'S ARMED FORCES (MPAF)" up to 2020, is renamed in 2025.
        assert reader.entity("un-kpe-054").name == "MINISTRY OF NATIONAL DEFENCE"
        lapse = [row for row in _history(each) if row[1] == "un-iri-025" and row[4] == "delist"]
        assert [(row[0], row[7]) for row in lapse] == [
            (
                "2006-12-24/2017-06-20",
                [
                    "removed after its listing of 2006-12-23: the snapshot of 2017-06-20 does not show "
                    "the entry, which is listed again later"
                ],
            )
        ]
        status = query.status(reader, "al-qaeda", jurisdictions=("UN",), at=date(2026, 1, 1))
        (listing,) = status["jurisdictions"][0]["lists"]
        # One UN entry, shown by the excerpt's run and the whole list's: one source.
        assert [c["description"] for c in listing["conflicts"]] == [
            "sources disagree on the date of the list: 2000 (1 source) vs 2001-10-06 (1 source)"
        ]


def test_a_taliban_entry_dated_2001_was_on_the_1267_list_until_the_1988_list_took_it_over(
    un_store: Store,
) -> None:
    """The UN's file dates MOHAMMAD JAWAD WAZIRI's listing 2001-02-23, but the 1988 list it now names
    opened on 2011-06-17 with the 1267 list's Taliban entries: he was on the 1267 list until that day,
    and on the 1988 list from it, a transfer rather than a removal."""
    reader = un_store.reader()

    def states(day: date) -> list[tuple[str, str, str | None, str | None]]:
        found = query.status(reader, "un-tai-039", jurisdictions=("UN",), at=day)
        return [(i["list"], i["state"], i["since"], i["note"]) for i in found["jurisdictions"][0]["lists"]]

    assert states(date(2005, 1, 1)) == [
        ("un-1267", "listed", "2001-02-23", None),
        ("un-1988", "not_listed", None, None),
    ]
    # Each answer after says what happened that day: neither a UN delisting nor a 2011 listing.
    assert states(date(2012, 1, 1)) == [
        (
            "un-1267",
            "not_listed",
            "2011-06-17",
            "moved to un-1988 when it took over this list's entries on 2011-06-17: a transfer, not an end of "
            "sanctions",
        ),
        ("un-1988", "listed", "2011-06-17", "taken over from un-1267 when this list opened on 2011-06-17"),
    ]
    moved = query.changes(reader, date(2011, 6, 17), date(2011, 6, 17), entities=("un-tai-039",))["changes"]
    assert [(c["list"], c["action"], c["notes"]) for c in moved] == [
        ("un-1267", "delist", ["moved to un-1988 when it opened: a transfer, not an end of sanctions"]),
        ("un-1988", "list", ["moved from un-1267, which listed it on 2001-02-23"]),
    ]
