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
        # Canada: only a curated "still lists" of 2025-04-17, so no start date is claimed.
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
    assert by_list["ru-terrorist", "listed"]["sourceUrl"] == ["https://www.rferl.org/a/1102225.html"]
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
    # TAi.902 left the list between the two snapshots: listed from its LISTED_ON date, ended in
    # the window the snapshots leave (exported as its first day, the window said).
    assert _sanctions(items, "un-tai-902") == [
        ("un-1988", "listed", "2001-01-25", "2020-01-02", "UN Security Council")
    ]
    tai = next(i for i in items if i["schema"] == "Sanction" and i["properties"]["entity"] == ["un-tai-902"])
    assert tai["properties"]["authorityId"] == ["TAi.902"]
    assert tai["properties"]["unscId"] == ["TAi.902"]
    assert tai["properties"]["sourceUrl"] == ["https://scsanctions.un.org/resources/xml/en/consolidated.xml"]
    assert tai["properties"]["description"] == ["end reported as 2020-01-02/2020-01-15"]
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
