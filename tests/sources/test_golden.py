"""Golden files: each adapter's full output on its hand-written fixture, compared field by field."""

from __future__ import annotations

import pytest
from adapter_helpers import FIXTURES, golden

from proscribe.sources.registry import parse_files, read_inputs

CASES = [
    ("ofac_xml.json", "us-ofac-sdn-xml", ["ofac-xml/sdn.xml"]),
    ("ofac_enhanced.json", "us-ofac-enhanced-xml", ["ofac-enhanced/enhanced.xml"]),
    ("ofac_txt.json", "us-ofac-sdn-txt", ["ofac-txt/sdnlist.txt"]),
    ("uk_hmt.json", "uk-hmt-ofsi-consolidated", ["uk/conlist_2020-03-15.csv"]),
    ("uk_fcdo.json", "uk-sanctions-list", ["uk-fcdo/uk-sanctions-list_2026-10-08.csv"]),
    ("ca_sema.json", "ca-sema", ["ca/sema.xml"]),
    ("ca_sema_2023.json", "ca-sema", ["ca/sema_2023.xml"]),
    ("ca_sema_2025.json", "ca-sema", ["ca/sema_2025.xml"]),
    ("eu_fsf.json", "eu-fsf", ["eu/global.xml"]),
    ("eu_fsf_v11.json", "eu-fsf", ["eu/export_v11.xml"]),
    ("us_csl.json", "us-trade-csl", ["csl/consolidated.csv"]),
    ("ftm.json", "opensanctions-ftm", ["ftm/entities.ftm.json"]),
    ("ftm_delta.json", "opensanctions-ftm-delta", ["ftm/20240105000000-bbb.entities.delta.json"]),
]


@pytest.mark.parametrize(("golden_file", "source", "files"), CASES)
def test_adapter_output_matches_golden_file(golden_file: str, source: str, files: list[str]) -> None:
    parsed = parse_files(source, read_inputs([FIXTURES / f for f in files]))
    expected, actual = golden(golden_file, parsed)
    assert actual == expected
