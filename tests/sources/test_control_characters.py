"""Control characters and terminal escape sequences in list values: removed, the rest kept, reported."""

from __future__ import annotations

import pytest

from proscribe.model import Identifier, Name
from proscribe.sources.common import InputFile
from proscribe.sources.records import ListRecord, ParsedList, clean, scrub_controls, without_controls
from proscribe.sources.registry import parse_files

EVIL = "EVIL \x1b[2J\x1b[31mRED\x1b[0m CORP"


@pytest.mark.parametrize(
    ("value", "cleaned"),
    [
        # Clear the screen, turn red, reset: three control sequences, every letter kept.
        (EVIL, "EVIL RED CORP"),
        # A window title (OSC ... BEL) and a charset designation (tput sgr0's ESC ( B).
        ("\x1b]0;owned\x07ACME \x1b(BLTD", "ACME LTD"),
        # A stray C0 character or DEL goes, and nothing else.
        ("AL\x07 QAIDA\x7f", "AL QAIDA"),
        # A C1 character is a Windows-1252 one read as Latin-1 on the way: read as meant (the CSL of
        # February 2025 writes Xi'an so), but for the five bytes Windows-1252 leaves undefined.
        ("CAST Xi\x92an", "CAST Xi\u2019an"),
        ("\x8aE\x8aELJ", "\u0160E\u0160ELJ"),
        ("HIZB\x81ALLAH\x9d", "HIZBALLAH"),
        # Its CSI is no escape then: a terminal is not told anything by "\u203a".
        ("EVIL \x9b31mRED", "EVIL \u203a31mRED"),
        # An escape before a letter or digit loses only the escape: the letter may be the name's.
        ("FOO\x1bcBAR \x1b7", "FOOcBAR 7"),
        # A control sequence cut short loses its escape only.
        ("ACME \x1b[31", "ACME [31"),
        # White space controls (tab, line breaks, the information separators) become a space.
        ("AL\tQAIDA\x1cIN\x1fIRAQ\r\nFRONT", "AL QAIDA IN IRAQ FRONT"),
        # What `clean` did before stays: a line wrap inside a hyphenated word is joined.
        ("ISIL-\nK", "ISIL-K"),
    ],
)
def test_clean_removes_escape_sequences_and_control_characters(value: str, cleaned: str) -> None:
    assert clean(value) == cleaned


def test_without_controls_changes_nothing_else() -> None:
    assert without_controls("QDe.\x7f161\x1b[0m") == "QDe.161"
    assert without_controls("A\tB") == "A B"
    # Double spaces and ordinary unprintable characters (a no-break space) stay: keys are not names.
    assert without_controls("A  B\u00a0C") == "A  B\u00a0C"


def _ofac_row(ent_num: str, name: str) -> str:
    return f'{ent_num},"{name}",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'


def test_an_ofac_csv_set_is_read_without_its_escapes_and_the_report_names_them() -> None:
    files = [
        InputFile("sdn.csv", (_ofac_row("10", EVIL) + _ofac_row("11", "PLAIN TRADING")).encode()),
        InputFile("alt.csv", b'10,1,"aka","RED\x1b[0m HOLDINGS",-0- \n'),
        InputFile("add.csv", b'10,1,-0- ,"Tehran","Ir\x07an",-0- \n'),
    ]
    parsed = parse_files("us-ofac-sdn-csv", files)
    assert [(r.key, [n.value for n in r.names], r.country) for r in parsed.records] == [
        ("10", ["EVIL RED CORP", "RED HOLDINGS"], "Iran"),
        ("11", ["PLAIN TRADING"], None),
    ]
    # In the order the adapter read them (OFAC's addresses before the names).
    assert parsed.warnings[-1] == (
        "sdn.csv, alt.csv, add.csv: 3 value(s) held control characters, kept without them (escape "
        "sequences and C0 controls removed, C1 characters read as Windows-1252): 'Ir\\x07an' read as "
        "'Iran'; 'EVIL \\x1b[2J\\x1b[31mRED\\x1b[0m CORP' read as 'EVIL RED CORP'; "
        "'RED\\x1b[0m HOLDINGS' read as 'RED HOLDINGS'"
    )
    # The warning itself is safe to print: it holds no control character.
    assert parsed.warnings[-1].isprintable()


def test_a_file_without_control_characters_gets_no_such_warning() -> None:
    parsed = parse_files(
        "us-ofac-sdn-csv", [InputFile("sdn.csv", _ofac_row("11", "PLAIN\tTRADING").encode())]
    )
    assert [r.name for r in parsed.records] == ["PLAIN TRADING"]
    assert not any("control characters" in warning for warning in parsed.warnings)


def test_un_xml_values_read_c1_characters_as_windows_1252_and_lose_del() -> None:
    """XML 1.0 forbids the C0 controls but tab and line breaks, even as references (the parser
    refuses `&#x1b;`), so a UN file can carry only C1 characters and DEL: given here as references."""
    entity = (
        "<ENTITY><FIRST_NAME>CAST XI&#x92;AN ENGINE&#x81; FACTORY</FIRST_NAME>"
        "<UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.&#x7f;901</REFERENCE_NUMBER>"
        "<ENTITY_ALIAS><QUALITY>a</QUALITY><ALIAS_NAME>&#x8a;E&#x8a;ELJ GROUP</ALIAS_NAME></ENTITY_ALIAS>"
        "<LISTED_ON>2010-01-02</LISTED_ON></ENTITY>"
    )
    xml = (
        '<CONSOLIDATED_LIST dateGenerated="2020-05-01T00:00:00"><INDIVIDUALS/>'
        f"<ENTITIES>{entity}</ENTITIES></CONSOLIDATED_LIST>"
    )
    parsed = parse_files("un-sc-consolidated", [InputFile("un.xml", xml.encode())])
    (record,) = parsed.records
    assert (record.key, [n.value for n in record.names], [i.key() for i in record.identifiers]) == (
        "QDe.901",
        ["CAST XI\u2019AN ENGINE FACTORY", "\u0160E\u0160ELJ GROUP"],
        ["un:QDe.901"],
    )
    assert parsed.warnings == (
        "un.xml: 3 value(s) held control characters, kept without them (escape sequences and C0 "
        "controls removed, C1 characters read as Windows-1252): 'QDe.\\x7f901' read as 'QDe.901'; "
        "'CAST XI\\x92AN ENGINE\\x81 FACTORY' read as 'CAST XI\u2019AN ENGINE FACTORY'; "
        "'\\x8aE\\x8aELJ GROUP' read as '\u0160E\u0160ELJ GROUP'",
    )


def test_the_net_under_every_adapter_cleans_keys_and_identifiers_and_merges_what_becomes_one() -> None:
    """An adapter reading a key as the file writes it (as OFAC's CSL reads `_id`) leaves the
    escape in it: the registry's net removes it, and two records whose keys become one are merged."""
    first = ListRecord(
        "A1\x1b[0m",
        "organisation",
        ("us-csl",),
        (Name("ALPHA", "primary"),),
        (Identifier("csl", "A1\x1b[0m"),),
    )
    second = ListRecord(
        "A1", "organisation", ("us-csl",), (Name("ALPHA FRONT", "primary"),), (Identifier("csl", "A1"),)
    )
    parsed = ParsedList("csl.csv", None, (first, second), unmapped={"source=\x1b[5mX": 1, "source=X": 2})
    scrubbed = scrub_controls(parsed, "csl.csv")
    assert [(r.key, [(n.value, n.kind) for n in r.names], r.identifiers) for r in scrubbed.records] == [
        ("A1", [("ALPHA", "primary"), ("ALPHA FRONT", "alias")], (Identifier("csl", "A1"),))
    ]
    assert scrubbed.unmapped == {"source=X": 3}
    assert scrubbed.warnings == ("csl.csv: 1 repeated record key(s) merged",)
    # A list with nothing to remove is returned as it is.
    assert scrub_controls(ParsedList("csl.csv", None, (second,)), "csl.csv").records == (second,)
