"""Damaged inputs: every adapter fails on them with a ProscribeError naming the file, never a crash.

Each fixture is damaged in a few hundred seeded ways (cut short, bytes overwritten, a span cut
out or repeated, a bracket, quote, separator, NUL byte or thousands of words inserted) and
parsed. A damaged file may still parse (a flipped letter in a name is a valid file); what must
not happen is any other exception: that would be a traceback for the user, not a message. This
found a CSL row with fewer cells than the header and FtM properties of the wrong shape.
"""

from __future__ import annotations

import random

import pytest
from adapter_helpers import FIXTURES

from proscribe.errors import ProscribeError
from proscribe.sources.common import InputFile
from proscribe.sources.registry import parse_files

CASES = {
    "un-sc-consolidated": ["un/un_2020-01-01.xml"],
    "us-ofac-sdn-csv": ["ofac-2020-01/add.csv", "ofac-2020-01/alt.csv", "ofac-2020-01/sdn.csv"],
    "us-ofac-sdn-xml": ["ofac-xml/sdn.xml"],
    "us-ofac-enhanced-xml": ["ofac-enhanced/enhanced.xml"],
    "us-ofac-sdn-txt": ["ofac-txt/sdnlist.txt"],
    "eu-fsf": ["eu/global.xml", "eu/export_v11.xml"],
    "uk-hmt-ofsi-consolidated": ["uk/conlist_2020-03-15.csv"],
    "uk-sanctions-list": ["uk-fcdo/uk-sanctions-list_2026-10-08.csv"],
    "ca-sema": ["ca/sema.xml"],
    "opensanctions-ftm": ["ftm/entities.ftm.json"],
    "opensanctions-ftm-delta": ["ftm/20240101000000-aaa.entities.delta.json"],
    "us-trade-csl": ["csl/consolidated.csv"],
}
INSERTS = (
    b"(",
    b")",
    b'"',
    b",",
    b";",
    b"<",
    b">",
    b"&",
    b"\n",
    b"\x00",
    b"(ABC)",
    b" of" * 3000,
    b"\xff\xfe",
)
ROUNDS = 300


def damage(data: bytes, rng: random.Random) -> bytes:
    """`data` damaged in one of five ways, chosen and placed by `rng`."""
    out = bytearray(data)
    where = rng.randrange(len(out))
    way = rng.randrange(5)
    if way == 0:
        del out[where:]
    elif way == 1:
        for _ in range(rng.randint(1, 8)):
            out[rng.randrange(len(out))] = rng.randrange(256)
    elif way == 2:
        del out[where : where + rng.randint(1, 200)]
    elif way == 3:
        out[where:where] = rng.choice(INSERTS)
    else:
        out[where:where] = out[where : where + rng.randint(1, 300)] * rng.randint(1, 5)
    return bytes(out)


@pytest.mark.parametrize("source", sorted(CASES))
def test_damaged_files_fail_with_a_message_or_parse(source: str) -> None:
    rng = random.Random(source)
    paths = [FIXTURES / name for name in CASES[source]]
    originals = {path: path.read_bytes() for path in paths}
    crashes: list[str] = []
    for round_number in range(ROUNDS):
        # One file of a set is damaged (the UK and EU entries are separate single-file inputs).
        chosen = paths[round_number % len(paths)]
        if source == "eu-fsf":
            inputs = [InputFile(str(chosen), damage(originals[chosen], rng))]
        else:
            inputs = [
                InputFile(str(path), damage(data, rng) if path == chosen else data)
                for path, data in originals.items()
            ]
        try:
            parse_files(source, inputs)
        except ProscribeError as error:
            # The message says which input: the damaged file, or the source for the set as a whole.
            assert chosen.name in str(error) or source in str(error), str(error)
        except Exception as error:  # whatever escapes is the failure this test looks for
            crashes.append(f"round {round_number}: {type(error).__name__}: {error}"[:200])
    assert crashes == []


# Every adapter that reads CSV, with a fixture whose data rows start on `line`.
CSV_CASES = [
    ("uk-sanctions-list", "uk-fcdo/uk-sanctions-list_2026-10-08.csv", 3),
    ("uk-hmt-ofsi-consolidated", "uk/conlist_2020-03-15.csv", 3),
    ("us-trade-csl", "csl/consolidated.csv", 2),
    ("us-ofac-sdn-csv", "ofac-2020-06/sdn.csv", 1),
]


@pytest.mark.parametrize(("source", "fixture", "line"), CSV_CASES)
def test_a_cell_over_the_csv_modules_limit_is_a_format_error_naming_its_line(
    source: str, fixture: str, line: int
) -> None:
    """A quoted cell of 200 kB (a file run together, or a hostile one) is over the csv module's
    limit: the adapter says where, where it used to raise the csv module's own error (a traceback)."""
    lines = (FIXTURES / fixture).read_bytes().split(b"\n")
    lines.insert(line - 1, b'"' + b"x" * 200_000 + b'"')
    damaged = [InputFile(fixture.rsplit("/", 1)[-1], b"\n".join(lines))]
    with pytest.raises(ProscribeError, match=f"line {line}: field larger than field limit"):
        parse_files(source, damaged)


@pytest.mark.parametrize(
    ("source", "name", "data"),
    [
        ("eu-fsf-csv", "e.csv", b'"' + b"x" * 200_000 + b'"'),
        ("us-ofac-non-sdn-legacy", "cons_prim.pip", b'"' + b"x" * 200_000 + b'"'),
        ("uk-sanctions-list", "u.csv", b'"' + b"x" * 200_000 + b'"'),
        ("uk-hmt-ofsi-consolidated", "o.csv", b'"' + b"x" * 200_000 + b'"'),
    ],
)
def test_an_oversized_first_line_is_a_format_error(source: str, name: str, data: bytes) -> None:
    with pytest.raises(ProscribeError, match=f"{name}: line 1: field larger than field limit"):
        parse_files(source, [InputFile(name, data)])
