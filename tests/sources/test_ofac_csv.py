"""OFAC legacy CSV adapter: golden output, duplicates and stray EOF bytes, drift errors."""

from __future__ import annotations

import re

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.errors import FormatError, HostileInputError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files, read_inputs


def test_golden_set() -> None:
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-01").glob("*.csv"))))
    expected, actual = golden("ofac_2020-01.json", parsed)
    assert actual == expected


def test_duplicates_and_stray_eof_byte_are_reported() -> None:
    parsed = parse_files("us-ofac-sdn-csv", read_inputs(sorted((FIXTURES / "ofac-2020-06").glob("*.csv"))))
    assert [r.key for r in parsed.records] == ["10", "12", "13", "14"]
    assert [w.rsplit("/", 1)[-1] for w in parsed.warnings] == [
        "sdn.csv: line 4: stray DOS end-of-file byte ignored",
        "sdn.csv: 1 repeated record key(s) merged",
    ]
    gamma = parsed.records[3]
    assert (gamma.kind, gamma.list_ids) == ("aircraft", ("us-sdn", "us-sdgt"))


def test_pipe_delimited_set_reads_like_csv() -> None:
    rows = b'10|"EXAMPLE TRADING LLC"|-0- |"SDGT"|-0- |-0- |-0- |-0- |-0- |-0- |-0- |-0- \n'
    parsed = parse_files("us-ofac-non-sdn-legacy", [InputFile("cons_prim.pip", rows)])
    assert [(r.key, r.name, r.list_ids) for r in parsed.records] == [
        ("10", "EXAMPLE TRADING LLC", ("us-ofac-cons",))
    ]


def test_short_row_names_file_and_line() -> None:
    with pytest.raises(FormatError, match=re.escape("short_row_sdn.csv: line 1: expected 12 columns, got 4")):
        parse_files("us-ofac-sdn-csv", read_inputs([FIXTURES / "hostile" / "short_row_sdn.csv"]))


def test_binary_input_is_refused() -> None:
    with pytest.raises(HostileInputError, match=re.escape("binary_sdn.csv: binary content")):
        parse_files("us-ofac-sdn-csv", read_inputs([FIXTURES / "hostile" / "binary_sdn.csv"]))


def test_set_without_primary_file_is_refused() -> None:
    with pytest.raises(FormatError, match=re.escape("us-ofac-sdn-csv: input: the set has no primary file")):
        parse_files("us-ofac-sdn-csv", [InputFile("alt.csv", b'10,1,"aka","X",-0- \n')])


def test_non_numeric_ent_num_is_a_format_error() -> None:
    row = b'X1,"NAME",-0- ,"SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n'
    with pytest.raises(FormatError, match=re.escape("sdn.csv: line 1: ent_num 'X1' is not a number")):
        parse_files("us-ofac-sdn-csv", [InputFile("sdn.csv", row)])
