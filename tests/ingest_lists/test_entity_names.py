"""An entity minted from a list record is named as the record's newest snapshot names it, in any order.

Two small UN files written here: on 2021-01-01 QDe.950 is "ALPHA BROTHERHOOD" (a.k.a. "Alpha Group
(AG)"); on 2021-06-01 the list renames it "ALPHA MOVEMENT" and gives both old names as f.k.a. QDe.137
(the Nusrah Front's entry, linked by name to the bundled `hts` entity) is renamed too, but `hts` is
the registry's own entity and keeps its name.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import fresh_store
from sqlalchemy import select, update

from proscribe import query
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list
from proscribe.ingest.withdrawals import withdraw_snapshot
from proscribe.resolve.timeline import RULES_VERSION
from proscribe.store import Store, schema

SOURCE = "un-sc-consolidated"


def _entity(ref: str, name: str, aliases: list[tuple[str, str]]) -> str:
    named = "".join(
        f"<ENTITY_ALIAS><QUALITY>{quality}</QUALITY><ALIAS_NAME>{alias}</ALIAS_NAME></ENTITY_ALIAS>"
        for quality, alias in aliases
    )
    return (
        f"<ENTITY><DATAID>{ref[-3:]}</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>{name}</FIRST_NAME>"
        f"<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>{ref}</REFERENCE_NUMBER>"
        f"<LISTED_ON>2014-05-14</LISTED_ON>{named}</ENTITY>"
    )


def _un_file(folder: Path, day: str, entities: list[str]) -> Path:
    path = folder / f"un_{day}.xml"
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<CONSOLIDATED_LIST dateGenerated="{day}T00:00:00Z"><INDIVIDUALS/>'
        f"<ENTITIES>{''.join(entities)}</ENTITIES></CONSOLIDATED_LIST>",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    nusrah = "AL-NUSRAH FRONT"
    january = [
        _entity("QDe.950", "ALPHA BROTHERHOOD", [("a.k.a.", "Alpha Group (AG)")]),
        _entity("QDe.137", nusrah, []),
        _entity("QDe.951", "BETA NETWORK", []),
    ]
    june = [
        _entity(
            "QDe.950", "ALPHA MOVEMENT", [("f.k.a.", "ALPHA BROTHERHOOD"), ("f.k.a.", "Alpha Group (AG)")]
        ),
        _entity("QDe.137", "LEVANT LIBERATION COMMITTEE", [("f.k.a.", nusrah)]),
        _entity("QDe.951", "BETA NETWORK", []),
    ]
    return {
        "2021-01-01": _un_file(tmp_path, "2021-01-01", january),
        "2021-06-01": _un_file(tmp_path, "2021-06-01", june),
    }


def _names(store: Store, entity_id: str) -> tuple[str, dict[str, str]]:
    with store.engine.connect() as conn:
        name = conn.execute(
            select(schema.entities.c.name).where(schema.entities.c.id == entity_id)
        ).scalar_one()
        rows = conn.execute(
            select(schema.names.c.value, schema.names.c.kind).where(schema.names.c.entity_id == entity_id)
        )
        return name, {row.value: row.kind for row in rows}


@pytest.mark.parametrize("order", [("2021-01-01", "2021-06-01"), ("2021-06-01", "2021-01-01")])
def test_a_renamed_entry_names_its_entity_as_the_newest_snapshot_does(
    tmp_path: Path, files: dict[str, Path], order: tuple[str, str]
) -> None:
    store = fresh_store(tmp_path)
    for day in order:
        ingest_list(store, SOURCE, [files[day]])
    name, kinds = _names(store, "un-qde-950")
    assert name == "ALPHA MOVEMENT"
    # The old names are former names, as the newest snapshot gives them, and so is the form the
    # import derives without the bracket.
    assert kinds == {
        "ALPHA MOVEMENT": "primary",
        "ALPHA BROTHERHOOD": "former",
        "Alpha Group (AG)": "former",
        "Alpha Group": "former",
    }
    # Answers name it so: its status, and the list's changes.
    assert query.status(store.reader(), "un-qde-950")["entity"]["name"] == "ALPHA MOVEMENT"
    # The registry's own entity keeps its name; the list's new name is one of its names.
    assert store.reader().entity("hts").name == "Hay'at Tahrir al-Sham"
    assert _names(store, "hts")[1]["LEVANT LIBERATION COMMITTEE"] == "alias"
    assert _names(store, "un-qde-951") == ("BETA NETWORK", {"BETA NETWORK": "primary"})


def test_withdrawing_the_snapshot_that_renamed_an_entry_gives_back_its_name(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    store = fresh_store(tmp_path)
    ingest_list(store, SOURCE, [files["2021-01-01"]])
    ingest_list(store, SOURCE, [files["2021-06-01"]])
    june = store.reader().snapshots_of(SOURCE)[-1]["id"]
    before = store.reader().content_hash()
    withdraw_snapshot(store, june, "checking a rename")
    name, kinds = _names(store, "un-qde-950")
    assert name == "ALPHA BROTHERHOOD"
    assert kinds["ALPHA BROTHERHOOD"] == "primary"
    assert kinds["Alpha Group (AG)"] == "alias"
    assert store.reader().content_hash() != before
    changes = query.changes(store.reader(), date(2014, 1, 1), entities=["un-qde-950"])["changes"]
    assert {row["name"] for row in changes} == {"ALPHA BROTHERHOOD"}


def test_init_names_the_entities_of_a_store_from_before_as_their_newest_record(
    tmp_path: Path, files: dict[str, Path]
) -> None:
    """A store built before entities followed their newest record holds the first snapshot's name;
    `proscribe init` under the new resolver rules names them anew."""
    store = fresh_store(tmp_path)
    ingest_list(store, SOURCE, [files["2021-01-01"]])
    ingest_list(store, SOURCE, [files["2021-06-01"]])
    with store.begin() as conn:
        entities, names, meta = schema.entities, schema.names, schema.meta
        conn.execute(update(entities).where(entities.c.id == "un-qde-950").values(name="ALPHA BROTHERHOOD"))
        conn.execute(update(names).where(names.c.entity_id == "un-qde-950").values(kind="alias"))
        conn.execute(update(meta).where(meta.c.key == "resolver_rules").values(value=str(RULES_VERSION - 1)))
    assert store.reader().entity("un-qde-950").name == "ALPHA BROTHERHOOD"
    init_registry(store)
    assert _names(store, "un-qde-950") == (
        "ALPHA MOVEMENT",
        {
            "ALPHA MOVEMENT": "primary",
            "ALPHA BROTHERHOOD": "former",
            "Alpha Group (AG)": "former",
            "Alpha Group": "former",
        },
    )
    rows = query.changes(store.reader(), date(2014, 1, 1), entities=["un-qde-950"])["changes"]
    assert {row["name"] for row in rows} == {"ALPHA MOVEMENT"}
