"""The list pipeline on both backends (SQLite, and PostgreSQL when PROSCRIBE_TEST_PG_URL is set)."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from ingest_helpers import FIXTURES
from sqlalchemy import select, update

from proscribe import vocab
from proscribe.errors import FormatError, HostileInputError, NotFoundError
from proscribe.ingest.core import init_registry
from proscribe.ingest.lists import ingest_list, snapshot_series
from proscribe.store import Store, schema


def test_snapshots_in_any_order_reingest_and_hostile_input(registry: Store) -> None:
    later = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-02-01.xml"])
    earlier = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    # Each file starts TAi.902's run: its 2001 LISTED_ON, before un-1988 opened, is three claims
    # (on un-1267, moved off it and onto un-1988 on 2011-06-17), not one.
    assert (later.new_claims, earlier.new_claims, earlier.changes) == (9, 11, {"amend": 1, "delist": 1})
    before = registry.reader().content_hash()
    again = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    assert (again.new_claims, again.already_held) == (0, True)
    with pytest.raises(HostileInputError):
        ingest_list(registry, "un-sc-consolidated", [FIXTURES / "hostile" / "xxe.xml"])
    assert registry.reader().content_hash() == before
    [delist] = [c for c in registry.reader().claims(entity_id="un-qdi-901") if c.action == "delist"]
    assert delist.date.iso() == "2020-01-02/2020-02-01"


def test_a_name_the_list_adds_later_becomes_a_name_of_the_entity(registry: Store) -> None:
    first = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    assert first.names_added == 0  # every record minted its own entity, with all its names
    reader = registry.reader()
    before = reader.content_hash()
    with pytest.raises(NotFoundError):
        reader.resolve_ref("Example Liberation Assembly")
    later = ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-02-01.xml"])
    # QDe.900 gained an a.k.a. in February: its entity can now be found (and screened) by it.
    assert later.names_added == 1
    assert reader.resolve_ref("Example Liberation Assembly") == (
        "un-qde-900",
        "EXAMPLE FRONT FOR THE PEOPLE OF NOWHERE",
    )
    names = {n.value: n.kind for n in reader.entity("un-qde-900").names}
    assert names["Example Liberation Assembly"] == "alias"
    assert reader.content_hash() != before


def test_init_rederives_stored_timelines_when_the_resolver_rules_change(registry: Store) -> None:
    """A store whose timelines were derived by older rules gets them re-derived by `init`, once."""
    ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    t = schema.timelines
    with registry.engine.connect() as conn:
        current = sorted(conn.execute(select(t.c.entity_id, t.c.list_id, t.c.data, t.c.conflicts)))
    # As a store of the previous rules version would be: stamped 1, its derived rows stale.
    with registry.begin() as conn:
        conn.execute(update(schema.meta).where(schema.meta.c.key == "resolver_rules").values(value="1"))
        conn.execute(update(t).values(conflicts=99, data="{}"))
    before = registry.reader().content_hash()
    report = init_registry(registry)
    assert (report.rederived, report.new_claims) == (len(current), 0)
    with registry.engine.connect() as conn:
        assert sorted(conn.execute(select(t.c.entity_id, t.c.list_id, t.c.data, t.c.conflicts))) == current
    after = registry.reader().content_hash()
    assert after != before  # the answers may differ: cached ones must go
    again = init_registry(registry)
    assert again.rederived == 0 and registry.reader().content_hash() == after


def test_init_rederives_stored_timelines_when_the_authority_vocabulary_changes(
    registry: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Timelines name bodies by the vocabulary: a store derived before a body was renamed there is
    re-derived by the next `init` (once), and names the body anew; no rules version to bump."""

    def listing_authorities() -> list[tuple[str, ...]]:
        [timeline] = registry.reader().timelines(["irgc"], ["CA"])
        return [event.authorities for event in timeline.events if event.action == "list"]

    assert listing_authorities() == [("Public Safety Canada", "Governor in Council")]
    data = tmp_path / "data"
    shutil.copytree(vocab.data_dir(), data)
    bodies = data / "authorities.yaml"
    bodies.write_text(
        bodies.read_text(encoding="utf-8").replace(
            "name: Governor in Council, aliases: []",
            "name: Governor General in Council, aliases: [Governor in Council]",
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(vocab, "data_dir", lambda: data)
    for cached in (vocab.authorities, vocab.authorities_digest, vocab._authorities_by_label):
        cached.cache_clear()
    try:
        hash_before = registry.reader().content_hash()
        report = init_registry(registry)
        assert report.rederived > 0 and report.new_claims == 0
        assert listing_authorities() == [("Public Safety Canada", "Governor General in Council")]
        assert registry.reader().content_hash() != hash_before
        assert init_registry(registry).rederived == 0
    finally:
        for cached in (vocab.authorities, vocab.authorities_digest, vocab._authorities_by_label):
            cached.cache_clear()


def test_a_nul_character_in_a_list_file_is_refused_and_changes_nothing(
    registry: Store, tmp_path: Path
) -> None:
    """JSON spells one as \\u0000 and a CSV can hold the byte past the first 64 KB: either way the
    import is refused naming the file, line and field, on both backends. On PostgreSQL, which
    cannot store one, it used to end in a database error; on SQLite, it stored the NUL."""
    ingest_list(registry, "un-sc-consolidated", [FIXTURES / "un" / "un_2020-01-01.xml"])
    before = registry.reader().content_hash()
    ftm = tmp_path / "entities.ftm.json"
    ftm.write_text(
        (FIXTURES / "ftm" / "entities.ftm.json")
        .read_text(encoding="utf-8")
        .replace('"Jabhat al-Mithal"', '"Jabhat al-\\u0000Mithal"'),
        encoding="utf-8",
    )
    with pytest.raises(
        FormatError, match=re.escape("entities.ftm.json: line 1: property `name` holds a NUL")
    ):
        ingest_list(registry, "opensanctions-ftm", [ftm], snapshot_date=date(2024, 1, 1))
    sdn = tmp_path / "sdn.csv"
    row = b'7001,"EXAMPLE FRONT",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n'
    sdn.write_bytes(row * 1000 + row.replace(b"FRONT", b"FR\x00ONT"))
    with pytest.raises(HostileInputError, match=re.escape("sdn.csv: line 1001: binary content (NUL bytes)")):
        ingest_list(registry, "us-ofac-sdn-csv", [sdn], snapshot_date=date(2024, 4, 10))
    assert registry.reader().content_hash() == before


def test_a_record_keyed_by_a_long_name_gets_an_entity_on_both_backends(
    registry: Store, tmp_path: Path
) -> None:
    """A key of 150 characters (OFAC's text list keys entries by name) minted an id longer than
    the 120 characters PostgreSQL keeps, ending the import in a database error there."""
    key = "NK-" + "long-name-" * 15
    ftm = tmp_path / "entities.ftm.json"
    ftm.write_text(
        (FIXTURES / "ftm" / "entities.ftm.json")
        .read_text(encoding="utf-8")
        .replace('"NK-front"', f'"{key}"'),
        encoding="utf-8",
    )
    report = ingest_list(registry, "opensanctions-ftm", [ftm], snapshot_date=date(2024, 1, 1))
    assert report.records == 2
    entity_id, _name = registry.reader().resolve_ref("Jabhat al-Mithal")
    assert len(entity_id) == 120 and entity_id.startswith("os-nk-long-name-long-name-")
    again = ingest_list(registry, "opensanctions-ftm", [ftm], snapshot_date=date(2024, 1, 1))
    assert again.new_claims == 0


def test_a_scope_stated_at_length_keeps_its_series_within_the_store() -> None:
    """OFAC's enhanced XML states every list a file holds (213 characters for the IRGC program
    export of 2024-08-28): a whole file scoped like that named a series past the 200 characters
    the store keeps. Its series is now the start and a digest, one per scope; short ones are as ever."""
    scope = "lists: " + ", ".join(f"List number {n}" for n in range(20))
    series = snapshot_series("us-ofac-enhanced-xml", "snap-1", scope, partial=False)
    assert len(series) == 200 and series.startswith("us-ofac-enhanced-xml~lists: List number 0, ")
    assert series == snapshot_series("us-ofac-enhanced-xml", "snap-2", scope, partial=False)
    assert series != snapshot_series("us-ofac-enhanced-xml", "snap-1", scope + ", one more", partial=False)
    short = snapshot_series("us-ofac-enhanced-xml", "snap-1", "lists: SDN List", partial=False)
    assert short == "us-ofac-enhanced-xml~lists: SDN List"
    assert (
        snapshot_series("us-ofac-enhanced-xml", "snap-1", scope, partial=True)
        == "us-ofac-enhanced-xml~snap-1"
    )
