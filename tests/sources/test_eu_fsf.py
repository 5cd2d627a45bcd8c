"""EU FSF legacy XML adapter: names and translations, TERR programme to eu-terrorist, drift errors."""

from __future__ import annotations

import re
from datetime import date

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_fixture_records() -> None:
    parsed = parse_files("eu-fsf", read_inputs([FIXTURES / "eu" / "global.xml"]))
    assert parsed.snapshot_date == date(2016, 3, 5)
    army, person = parsed.records
    assert (army.key, army.kind, army.list_ids) == ("501", "organisation", ("eu-fsf", "eu-terrorist"))
    assert [(n.value, n.kind) for n in army.names] == [
        ("Example Liberation Army", "primary"),
        ("Armée de libération exemplaire", "translation"),
    ]
    assert (person.key, person.kind, person.list_ids, person.name) == (
        "502",
        "person",
        ("eu-fsf",),
        "Jane Doe",
    )
    assert parsed.unmapped == {"programme=ATLANTIS": 1}


def test_unknown_child_element_is_a_format_error() -> None:
    data = b'<WHOLE Date="05/03/2016"><ENTITY Id="1" Type="E">\n<SHOE/></ENTITY></WHOLE>'
    with pytest.raises(FormatError, match=re.escape("g.xml: line 2: unexpected element <SHOE> in ENTITY 1")):
        parse_files("eu-fsf", [InputFile("g.xml", data)])
