"""A file given to the wrong source: the error names the source whose format reads it."""

from __future__ import annotations

import json
import re

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import FormatError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs, sources_reading


def test_an_xml_file_of_another_list_names_the_source_that_reads_it() -> None:
    files = read_inputs([FIXTURES / "un" / "un_2020-01-01.xml"])
    with pytest.raises(FormatError) as caught:
        parse_files("us-ofac-sdn-xml", files)
    # The wrong source comes first, with the way out; the adapter's own complaint after it, since
    # it speaks of a file the adapter was never meant to read.
    assert str(caught.value) == (
        f"{files[0].name}: wrong source: us-ofac-sdn-xml (ofac_xml) does not read the file, but source "
        "un-sc-consolidated does: `proscribe ingest list un-sc-consolidated FILE...` (ofac_xml read it as: "
        "line 2: root is <CONSOLIDATED_LIST>, not sdnList)"
    )


def test_a_format_two_sources_share_names_the_one_the_file_is_named_for() -> None:
    named = read_inputs([FIXTURES / "ofac-xml" / "sdn.xml"])
    assert sources_reading(named, besides="un-sc-consolidated") == ["us-ofac-sdn-xml"]
    with pytest.raises(FormatError, match=re.escape("sdn.xml: wrong source: un-sc-consolidated (un_xml)")):
        parse_files("un-sc-consolidated", named)
    renamed = [InputFile("download.xml", named[0].data)]
    assert sources_reading(renamed, besides="un-sc-consolidated") == [
        "us-ofac-non-sdn-xml",
        "us-ofac-sdn-xml",
    ]
    with pytest.raises(
        FormatError, match=re.escape("but sources us-ofac-non-sdn-xml and us-ofac-sdn-xml do:")
    ):
        parse_files("un-sc-consolidated", renamed)


@pytest.mark.parametrize(
    ("source", "name", "owner"),
    [
        ("us-ofac-sdn-xml", "consolidated.xml", "us-ofac-non-sdn-xml"),
        ("us-ofac-non-sdn-xml", "ofac/sdn_2020-10-29.xml", "us-ofac-sdn-xml"),
    ],
)
def test_an_sdnlist_file_named_for_the_other_ofac_list_is_refused(source: str, name: str, owner: str) -> None:
    """OFAC's SDN and non-SDN lists share the sdnList schema: the name is what tells them apart."""
    data = (FIXTURES / "ofac-xml" / "sdn.xml").read_bytes()
    with pytest.raises(
        FormatError,
        match=re.escape(
            f"{name}: wrong source: {source} (ofac_xml) does not read the file, but source {owner} does"
        )
        + ".*"
        + re.escape(f"(ofac_xml read it as: file name: named as the file of {owner}, not of"),
    ):
        parse_files(source, [InputFile(name, data)])
    # A name that names neither list is read as the source it was given to.
    assert parse_files(source, [InputFile("download.xml", data)]).records


def test_a_file_no_source_reads_keeps_its_own_error_alone() -> None:
    drifted = InputFile("un.xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><X/></INDIVIDUALS></CONSOLIDATED_LIST>")
    assert sources_reading([drifted], besides="un-sc-consolidated") == []
    with pytest.raises(FormatError) as caught:
        parse_files("un-sc-consolidated", [drifted])
    assert "does not read the file" not in str(caught.value)


def test_an_opensanctions_file_given_to_the_other_of_its_two_sources_names_it() -> None:
    """Entity files and delta files share the ftm format: the hint tries each source of it too."""
    full = read_inputs([FIXTURES / "ftm" / "entities.ftm.json"])[0]
    with pytest.raises(FormatError) as caught:
        parse_files("opensanctions-ftm-delta", [full])
    assert str(caught.value) == (
        f"{full.name}: wrong source: opensanctions-ftm-delta (ftm) does not read the file, but source "
        "opensanctions-ftm does: `proscribe ingest list opensanctions-ftm FILE...` (ftm read it as: line 1: "
        "expected {op: ADD|MOD|DEL, entity: {...}})"
    )


def test_the_delta_version_index_is_named_for_what_it_is() -> None:
    index = {"versions": {"20240527194702-wnk": "https://example.org/entities.delta.json"}}
    text = json.dumps(index, indent=4).encode()
    with pytest.raises(FormatError, match=re.escape("delta.json: input: an index of delta versions")):
        parse_files("opensanctions-ftm-delta", [InputFile("delta.json", text)])


def test_a_truncated_list_keeps_its_own_error_whatever_the_other_adapters_say() -> None:
    """Every other adapter is tried on it, and each fails its own way (encodings, structure):
    none of that replaces the named source's error."""
    whole = (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes()
    cut = InputFile("un_2020-01-01.xml", whole[: len(whole) // 2])
    with pytest.raises(FormatError) as caught:
        parse_files("un-sc-consolidated", [cut])
    assert str(caught.value).startswith("un_2020-01-01.xml: ")
    assert "does not read the file" not in str(caught.value)
    # NUL bytes in an XML list: malformed XML to its own adapter, binary to the text adapters.
    nul = InputFile("un.xml", b"<CONSOLIDATED_LIST>\x00\x00\x01")
    with pytest.raises(FormatError, match=re.escape("un.xml: line 1: malformed XML")) as refused:
        parse_files("un-sc-consolidated", [nul])
    assert "binary" not in str(refused.value)


def test_a_file_that_is_not_xml_is_said_to_be_no_xml_not_a_cut_document() -> None:
    """A CSV given to an XML source: no "malformed XML" or "looks cut short" about it."""
    rows = InputFile("sdn.csv", b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA","CUBA",-0- \n')
    with pytest.raises(FormatError) as caught:
        parse_files("un-sc-consolidated", [rows])
    assert str(caught.value) == (
        'sdn.csv: line 1: not XML: the file begins \'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",\', '
        "not with a tag"
    )
    # A UTF-8 byte order mark and white space before the root are XML still: a cut file says so.
    cut = InputFile("un.xml", b"\xef\xbb\xbf\n  <CONSOLIDATED_LIST><INDIVIDUALS>")
    with pytest.raises(
        FormatError, match=re.escape("the root element is never closed: the file looks cut short")
    ):
        parse_files("un-sc-consolidated", [cut])
