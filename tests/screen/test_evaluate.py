"""`eval screen`: reading labelled pairs, metrics at a threshold and at the best threshold."""

from __future__ import annotations

from pathlib import Path

import pytest

from proscribe.errors import FormatError, HostileInputError
from proscribe.screen.evaluate import evaluate, metrics, read_pairs, summary_lines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "screen"


def test_metrics_arithmetic() -> None:
    scored = [(0.9, True), (0.85, False), (0.7, True), (0.2, False)]
    m = metrics(scored, 0.8)
    assert (m.tp, m.fp, m.fn, m.tn) == (1, 1, 1, 1)
    assert (m.precision, m.recall, m.f1) == (0.5, 0.5, 0.5)


def test_small_fixture() -> None:
    # Scores (see test_score): 1.0, 0.8905, 0.6333, 0.65, 0.875, 0.7964 -> at 0.8 all three matches are
    # found and every non-match (best 0.7964) is rejected.
    report = evaluate(FIXTURES / "pairs-small.csv", 0.8)
    assert report["pairs"] == 6 and report["matches"] == 3
    assert report["at_threshold"] == {
        "threshold": 0.8,
        "precision": 1.0,
        "recall": 1.0,
        "f1": 1.0,
        "tp": 3,
        "fp": 0,
        "fn": 0,
        "tn": 3,
    }
    assert summary_lines(report)[-1] == "P=1.000 R=1.000 F1=1.000"
    # The figures are the pair scorer's alone, and the report says so.
    assert report["scope"].startswith("pair scorer only")
    assert summary_lines(report)[1].startswith("scope: pair scorer only")
    # Through the index: the 4 distinct second names beside the registry's 56 organisations, the same
    # decisions (each second name reached as a candidate, and scored as the pair scorer does).
    found = report["through_index"]
    assert (found["entities"], found["not_offered"]) == (4 + 56, 0)
    assert found["at_threshold"] == report["at_threshold"]
    assert summary_lines(report)[-2].startswith(
        "through the index (60 entities, 294 names; "
    ) and summary_lines(report)[-2].endswith(
        "threshold 0.80: P=1.000 R=1.000 F1=1.000; best threshold 0.80: P=1.000 R=1.000 F1=1.000; "
        "0 matches never offered as candidates"
    )


def test_a_match_the_index_never_offers_counts_against_recall(tmp_path: Path) -> None:
    """An acronym shares no word or letter run with its expansion: blocking never offers it."""
    pairs = tmp_path / "pairs.csv"
    pairs.write_text(
        "schema,name1,name2,is_match\n"
        "Organization,PLA,People's Liberation Army,true\n"
        "Organization,Taleban,Taliban,true\n"
        "Organization,Liberation Army of the People,People's Liberation Army,true\n"
        "Person,Roger Federman,Roger Federer,false\n",
        encoding="utf-8",
    )
    found = evaluate(pairs, 0.8)["through_index"]
    assert (found["entities"], found["not_offered"]) == (3 + 56, 1)
    chosen = found["at_threshold"]
    assert (chosen["tp"], chosen["fp"], chosen["fn"], chosen["tn"]) == (2, 0, 1, 1)


def test_rows_are_read_with_kinds() -> None:
    pairs = list(read_pairs(FIXTURES / "pairs-small.csv"))
    assert [(p.line, p.kind, p.is_match) for p in pairs[3:5]] == [
        (5, "organisation", False),
        (6, "person", True),
    ]


def test_malformed_files_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("schema,name1,name2,is_match\nPerson,a,b,maybe\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.csv: line 2: is_match must be true or false, got 'maybe'"):
        list(read_pairs(bad))
    missing = tmp_path / "missing.csv"
    missing.write_text("name1,name2\na,b\n", encoding="utf-8")
    with pytest.raises(FormatError, match=r"missing\.csv: missing columns \['schema', 'is_match'\]"):
        list(read_pairs(missing))
    huge = tmp_path / "huge.csv"
    huge.write_text('schema,name1,name2,is_match\nPerson,a,b,true\nPerson,"' + "x" * 200_000 + '",b,true\n')
    with pytest.raises(FormatError, match=r"huge\.csv: line 3: field larger than field limit"):
        list(read_pairs(huge))


def test_a_pairs_file_not_in_utf8_is_refused_naming_the_line(tmp_path: Path) -> None:
    rows = (
        "schema,name1,name2,is_match\nPerson,Jose Nunez,Jose Nunez,true\nPerson,José Núñez,Jose Nunez,true\n"
    )
    latin = tmp_path / "latin.csv"
    latin.write_bytes(rows.encode("cp1252"))
    with pytest.raises(FormatError, match=r"latin\.csv: line 3: not UTF-8 text \(byte 0xe9\)"):
        list(read_pairs(latin))
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"schema,name1\x00\x01")
    with pytest.raises(HostileInputError, match=r"binary\.csv: line 1: binary content"):
        list(read_pairs(binary))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(rows.encode("utf-8-sig"))
    assert [p.name1 for p in read_pairs(bom)] == ["Jose Nunez", "José Núñez"]


def test_nomenklatura_bench_f1_at_default_threshold(shared_dir: Path) -> None:
    bench = shared_dir / "data" / "screening" / "nomenklatura-name-bench.csv"
    if not bench.is_file():
        pytest.skip(f"{bench} is absent")
    report = evaluate(bench, 0.8)
    assert report["pairs"] == 826
    assert report["at_threshold"]["f1"] >= 0.80
    # Screened through the index, three matches are never offered as candidates (an acronym, PLA for
    # People's Liberation Army, twice, and a name spelled backwards); the pair scorer gives each 0.0
    # too, so at the default threshold both paths decide every pair alike.
    found = report["through_index"]
    assert found["not_offered"] == 3
    assert found["at_threshold"] == report["at_threshold"]
