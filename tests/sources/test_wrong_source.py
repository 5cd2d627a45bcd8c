"""A file given to the wrong source: the error names the source whose format reads it."""

from __future__ import annotations

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
    message = str(caught.value)
    # The adapter's own complaint comes first, the way out after it.
    assert "root is <CONSOLIDATED_LIST>, not sdnList" in message
    assert message.endswith(
        "; the file is not in the ofac_xml format of us-ofac-sdn-xml but reads as source "
        "un-sc-consolidated: `proscribe ingest list un-sc-consolidated FILE...`"
    )


def test_a_format_two_sources_share_names_both() -> None:
    files = read_inputs([FIXTURES / "ofac-xml" / "sdn.xml"])
    assert sources_reading(files, besides="un_xml") == ["us-ofac-non-sdn-xml", "us-ofac-sdn-xml"]
    with pytest.raises(
        FormatError, match=re.escape("reads as sources us-ofac-non-sdn-xml or us-ofac-sdn-xml")
    ):
        parse_files("un-sc-consolidated", files)


def test_a_file_no_source_reads_keeps_its_own_error_alone() -> None:
    drifted = InputFile("un.xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><X/></INDIVIDUALS></CONSOLIDATED_LIST>")
    assert sources_reading([drifted], besides="un_xml") == []
    with pytest.raises(FormatError) as caught:
        parse_files("un-sc-consolidated", [drifted])
    assert "reads as" not in str(caught.value)
