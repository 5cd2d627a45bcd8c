"""Source metadata: shipped files are valid and name adapters and lists that exist; errors say where."""

from __future__ import annotations

import re
from typing import Any

import pytest

from proscribe import vocab
from proscribe.errors import DataError, NotFoundError
from proscribe.sources.meta import all_sources, source_meta, validate, with_inherited_lookups
from proscribe.sources.registry import ADAPTERS

FOLDERS = {
    "un-sc-consolidated",
    "us-ofac-sdn-csv",
    "us-ofac-sdn-xml",
    "us-ofac-non-sdn-xml",
    "us-ofac-non-sdn-csv",
    "us-ofac-non-sdn-legacy",
    "us-ofac-enhanced-xml",
    "eu-fsf",
    "uk-hmt-ofsi-consolidated",
    "ca-sema",
    "opensanctions-ftm",
    "us-trade-csl",
    "us-ofac-sdn-txt",
}


def test_every_shared_data_folder_has_a_source_and_every_source_an_adapter() -> None:
    sources = all_sources()
    assert set(sources) >= FOLDERS
    # Formats with no real file in ../shared: the EU CSV, OpenSanctions deltas, and the UK Sanctions List
    # (published since OFSI closed its consolidated list in January 2026).
    assert set(sources) - FOLDERS == {"eu-fsf-csv", "opensanctions-ftm-delta", "uk-sanctions-list"}
    assert all(meta.format in ADAPTERS for meta in sources.values())


def test_every_list_a_lookup_or_default_names_exists() -> None:
    known = set(vocab.lists())
    for meta in all_sources().values():
        named = {meta.list}
        for table in ("list_type", "program", "regime", "programme", "dataset", "source", "sanctions_list"):
            named |= set(meta.lookups.get(table, {}).values())
        assert named - {"-"} <= known, meta.id


def _raw(**changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = {
        "id": "x-list",
        "title": "X",
        "publisher": "X",
        "format": "un_xml",
        "jurisdiction": "UN",
        "list": "un-1267",
        "entity_prefix": "x",
        "scheme": "x",
    }
    raw.update(changes)
    return raw


def _numbered(value: str, examples: dict[str, str]) -> dict[str, Any]:
    """A `references` entry reading the number after "Ref "."""
    return {"field": "F", "pattern": r"Ref (\d+)", "scheme": "un", "value": value, "examples": examples}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (_raw(publisher=""), "data/sources/x-list.yaml: missing or empty field(s) publisher"),
        (_raw(id="y-list"), "data/sources/x-list.yaml: id 'y-list' does not match the file name"),
        (_raw(encodings=["klingon-8"]), "data/sources/x-list.yaml: unknown encoding 'klingon-8'"),
        (_raw(mode="sometimes"), "data/sources/x-list.yaml: mode must be full or delta, got 'sometimes'"),
        (
            _raw(lookups={"alias_quality": {"Good": "nickname"}}),
            "data/sources/x-list.yaml: lookups.alias_quality maps to unknown name kind(s) ['nickname']",
        ),
        (
            _raw(lookups={"marker": {"individual": "human"}}),
            "data/sources/x-list.yaml: lookups.marker maps to unknown entity kind(s) ['human']",
        ),
        (_raw(references={}), "data/sources/x-list.yaml: references must be a list"),
        (
            _raw(references=[{"field": "F", "pattern": "(", "scheme": "un", "value": "{0}", "examples": {}}]),
            "data/sources/x-list.yaml: references[0]: pattern does not compile",
        ),
        (
            _raw(
                references=[{"field": "F", "pattern": "QDi", "scheme": "un", "value": "{0}", "examples": {}}]
            ),
            "data/sources/x-list.yaml: references[0]: pattern has no group to build the value from",
        ),
        (
            _raw(references=[{"field": "F", "pattern": "(Q)", "scheme": "un", "value": "{0}"}]),
            "references[0]: needs `examples` mapping sample text to the value it yields",
        ),
        (
            _raw(references=[{"field": "F", "pattern": "(Q)", "value": "{0}", "examples": {"Q": "Q"}}]),
            "references[0]: missing or non-text field(s) scheme",
        ),
        (
            _raw(references=[_numbered("QDi.{0:03d}", {"Ref 7": "QDi.7"})]),
            "references[0]: example 'Ref 7' yields ['QDi.007'], expected ['QDi.7']",
        ),
        (
            _raw(references=[_numbered("QDi.{1}", {"Ref 7": "QDi.007"})]),
            "references[0]: value template 'QDi.{1}' fails",
        ),
        (
            _raw(fixed_fields=[10, 20]),
            "data/sources/x-list.yaml: fixed_fields must map file roles to lists of widths",
        ),
        (_raw(fixed_fields={"alt": []}), "fixed_fields.alt: expected a non-empty list of column widths"),
        (
            _raw(fixed_fields={"alt": [10, None, 8]}),
            "fixed_fields.alt[1]: None is not a positive width (only the last may be null)",
        ),
        (
            _raw(fixed_fields={"primary": [10, 0]}),
            "fixed_fields.primary[1]: 0 is not a positive width (only the last may be null)",
        ),
        (
            _raw(set_files={"primary": "sdn", "aliases": "alt"}),
            "data/sources/x-list.yaml: set_files: unknown role(s) ['aliases']",
        ),
        (_raw(set_files={"alt": "alt"}), "data/sources/x-list.yaml: set_files: names no primary file"),
        (
            _raw(set_files={"primary": "SDN.CSV"}),
            "set_files.primary: 'SDN.CSV' is not a lower-case file-name stem",
        ),
    ],
)
def test_invalid_metadata_names_file_and_entry(raw: dict[str, Any], message: str) -> None:
    with pytest.raises(DataError, match=re.escape(message)):
        validate("x-list.yaml", raw)


def test_unknown_source_lists_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match=re.escape("unknown source 'nope'; known: ca-sema, eu-fsf,")):
        source_meta("nope")


def test_a_source_takes_the_lookup_tables_it_lacks_from_the_one_it_names() -> None:
    base = _raw(id="base", lookups={"program": {"SDGT": "us-sdgt"}, "marker": {"individual": "person"}})
    child = _raw(id="child", lookups_from="base", lookups={"marker": {"vessel": "vessel"}})
    merged = with_inherited_lookups("child.yaml", child, {"base.yaml": base})
    assert merged["lookups"] == {"program": {"SDGT": "us-sdgt"}, "marker": {"vessel": "vessel"}}
    shipped = source_meta("us-ofac-sdn-txt")
    assert shipped.lookup("program", "FTO") == "us-fto"
    assert shipped.lookup("program", "SDGT") == "us-sdgt"
    assert shipped.lookup("marker", "individual") == "person"


@pytest.mark.parametrize(
    ("raws", "message"),
    [
        ({}, "data/sources/child.yaml: lookups_from names unknown source 'base'"),
        (
            {"base.yaml": _raw(id="base", lookups_from="origin")},
            "data/sources/child.yaml: lookups_from 'base' itself inherits; name the origin",
        ),
    ],
)
def test_lookups_from_must_name_a_source_that_does_not_inherit(raws: dict[str, Any], message: str) -> None:
    with pytest.raises(DataError, match=re.escape(message)):
        with_inherited_lookups("child.yaml", _raw(id="child", lookups_from="base"), raws)


def test_uk_references_read_old_and_new_un_numbers() -> None:
    uk = source_meta("uk-hmt-ofsi-consolidated")
    found = uk.references_in(
        "Other Information",
        "UN Ref TI.A.12.01. Also (UN Ref):TAi.012 and UN Ref QE.B.38.01. UN Ref E.29.I.11.",
    )
    assert [i.key() for i in found] == ["un:TAi.012", "un:QDe.038"]
    assert uk.references_in("Regime", "UN Ref TI.A.12.01.") == ()
    assert uk.reference_fields == ("Other Information",)
