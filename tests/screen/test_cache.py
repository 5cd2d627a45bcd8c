"""The screening cache: a hit answers byte for byte as a fresh build; anything doubtful is a miss."""

from __future__ import annotations

import itertools
import json
import os
import tomllib
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from proscribe.cli import main
from proscribe.model import Entity, Name
from proscribe.screen import cache as cache_module
from proscribe.screen.cache import ABOVE_SCREEN, ScreenCache, fingerprint, store_identity
from proscribe.screen.index import NameIndex
from proscribe.screen.service import Filters, Screener
from proscribe.store import Store

REPO = Path(__file__).resolve().parents[2]
UN = REPO / "tests" / "fixtures" / "lists" / "un" / "un_2020-01-01.xml"
QUERIES = ("Taleban", "Движение Талибан", "حزب الله", "Pakistani Taliban", "Hamas Trading LLC", "Daesh")


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of this test's own (it does not exist yet: the first write makes it)."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("PROSCRIBE_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the indexes built from entities (a cache hit builds none)."""
    counted: list[int] = []
    original = NameIndex.from_entities.__func__  # type: ignore[attr-defined]

    def counting(cls: type[NameIndex], entities: Iterable[Entity]) -> NameIndex:
        counted.append(1)
        built: NameIndex = original(cls, entities)
        return built

    monkeypatch.setattr(NameIndex, "from_entities", classmethod(counting))
    return counted


def _run(store: Store, *args: str) -> Result:
    result = CliRunner().invoke(main, ["--db", store.url, "screen", *args])
    assert result.exit_code == 0, result.output
    return result


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.bin"))


def test_a_hit_gives_byte_identical_output_and_receipts(
    sqlite_registry: Store, cache_dir: Path, builds: list[int]
) -> None:
    for query in QUERIES:
        for fmt in ("json", "table", "csv"):
            args = (query, "--at", "2024-06-01", "--threshold", "0.5", "--format", fmt)
            fresh = _run(sqlite_registry, *args, "--no-cache").output
            first = _run(sqlite_registry, *args).output  # builds and keeps
            again = _run(sqlite_registry, *args).output  # from the cache
            assert first == fresh
            assert again == fresh
    # One build per --no-cache run, one for the first cached run, none after.
    assert len(builds) == len(QUERIES) * 3 + 1
    assert [path.name.split("-")[0] for path in _files(cache_dir)] == ["designations", "index", "pairs"]


def test_files_are_private_in_a_private_folder(sqlite_registry: Store, cache_dir: Path) -> None:
    _run(sqlite_registry, "Taliban")
    assert cache_dir.stat().st_mode & 0o777 == 0o700
    assert [path.stat().st_mode & 0o777 for path in _files(cache_dir)] == [0o600, 0o600, 0o600]


def test_no_cache_reads_and_writes_nothing(sqlite_registry: Store, cache_dir: Path) -> None:
    _run(sqlite_registry, "Taliban", "--no-cache")
    assert not cache_dir.exists()


def test_new_data_is_a_miss(sqlite_registry: Store, cache_dir: Path, builds: list[int]) -> None:
    args = ("Narnia Trading Co", "--at", "2020-01-10", "--format", "json")
    assert json.loads(_run(sqlite_registry, *args).output)["results"] == []
    ingest = CliRunner().invoke(
        main, ["--db", sqlite_registry.url, "ingest", "list", "un-sc-consolidated", str(UN)]
    )
    assert ingest.exit_code == 0, ingest.output
    after = json.loads(_run(sqlite_registry, *args).output)
    assert [r["matched_name"] for r in after["results"]] == ["NARNIA TRADING CO"]
    assert after == json.loads(_run(sqlite_registry, *args, "--no-cache").output)
    assert len(builds) == 3
    # The files of the old content were pruned only if over the limit: both versions are kept here.
    assert len(_files(cache_dir)) == 6


def test_other_filters_or_another_day_reuse_the_index(
    sqlite_registry: Store, cache_dir: Path, builds: list[int]
) -> None:
    first = _run(sqlite_registry, "Taliban", "--at", "2024-06-01", "--format", "json").output
    second = _run(sqlite_registry, "Taliban", "--at", "2002-01-01", "--in", "UN", "--format", "json").output
    assert len(builds) == 1
    assert first != second
    assert (
        second
        == _run(
            sqlite_registry, "Taliban", "--at", "2002-01-01", "--in", "UN", "--format", "json", "--no-cache"
        ).output
    )


@pytest.mark.parametrize(
    "damage",
    ["truncate", "flip a byte", "empty", "garbage", "another key"],
)
def test_a_damaged_file_is_rebuilt_and_replaced(
    sqlite_registry: Store, cache_dir: Path, builds: list[int], damage: str
) -> None:
    args = ("Taleban", "--format", "json")
    expected = _run(sqlite_registry, *args).output
    files = _files(cache_dir)
    contents = [path.read_bytes() for path in files]
    for path, data in zip(files, contents, strict=True):
        if damage == "truncate":
            path.write_bytes(data[: len(data) // 2])
        elif damage == "flip a byte":
            path.write_bytes(data[:-10] + bytes([data[-10] ^ 0x01]) + data[-9:])
        elif damage == "empty":
            path.write_bytes(b"")
        elif damage == "garbage":
            path.write_bytes(os.urandom(4096))
        else:  # the index file's bytes under the designations file's name, and the other way round
            path.write_bytes(contents[1] if path == files[0] else contents[0])
    assert _run(sqlite_registry, *args).output == expected
    assert len(builds) == 2
    # Rebuilt files replaced the damaged ones: the next run is a hit again.
    assert _run(sqlite_registry, *args).output == expected
    assert len(builds) == 2


@pytest.mark.parametrize("mode", [0o660, 0o606, 0o666])
def test_a_file_others_could_have_written_is_ignored_and_replaced(
    sqlite_registry: Store, cache_dir: Path, builds: list[int], mode: int
) -> None:
    expected = _run(sqlite_registry, "Taleban", "--format", "json").output
    for path in _files(cache_dir):
        path.chmod(mode)
    assert _run(sqlite_registry, "Taleban", "--format", "json").output == expected
    assert len(builds) == 2
    assert [path.stat().st_mode & 0o777 for path in _files(cache_dir)] == [0o600, 0o600, 0o600]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a file away needs root")
def test_a_file_of_another_owner_is_ignored_and_replaced(
    sqlite_registry: Store, cache_dir: Path, builds: list[int]
) -> None:
    expected = _run(sqlite_registry, "Taleban", "--format", "json").output
    for path in _files(cache_dir):
        os.chown(path, 4242, 4242)
    assert _run(sqlite_registry, "Taleban", "--format", "json").output == expected
    assert len(builds) == 2
    assert {path.stat().st_uid for path in _files(cache_dir)} == {os.getuid()}


def test_a_folder_others_can_write_is_not_used_and_says_so(
    sqlite_registry: Store, cache_dir: Path, builds: list[int]
) -> None:
    expected = _run(sqlite_registry, "Taleban", "--format", "json").output
    cache_dir.chmod(0o777)
    try:
        result = CliRunner().invoke(
            main, ["--db", sqlite_registry.url, "screen", "Taleban", "--format", "json"]
        )
        assert result.exit_code == 0
        assert result.stdout == expected
        assert (
            result.stderr == f"proscribe: screening cache not used: {cache_dir} is writable by other users\n"
        )
        assert len(builds) == 2
    finally:
        cache_dir.chmod(0o700)


def test_an_unwritable_folder_costs_time_not_the_screening(
    sqlite_registry: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PROSCRIBE_CACHE_DIR", str(blocker / "cache"))
    result = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen", "Taleban", "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["results"][0]["entity_id"] == "taliban"
    assert result.stderr == (
        f"proscribe: screening cache not used: cannot use {blocker / 'cache'}: Not a directory\n"
    )


def test_only_the_most_recently_used_files_are_kept(sqlite_registry: Store, cache_dir: Path) -> None:
    for day in range(1, 12):
        _run(sqlite_registry, "Taleban", "--at", f"2024-01-{day:02d}")
    names = [path.name.split("-")[0] for path in _files(cache_dir)]
    assert names.count("index") == 1
    assert names.count("designations") == cache_module.KEEP_DESIGNATIONS


def test_two_installs_sharing_the_folder_each_keep_their_files(
    sqlite_registry: Store, cache_dir: Path, builds: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release and a checkout (two code fingerprints) taking turns: each builds once, then hits."""
    for install in ("a" * 64, "b" * 64, "a" * 64, "b" * 64):
        monkeypatch.setattr(cache_module, "fingerprint", lambda install=install: install)
        _run(sqlite_registry, "Taleban")
    assert len(builds) == 2
    names = [path.name.split("-")[0] for path in _files(cache_dir)]
    assert names.count("index") == 2


def test_bulk_screening_uses_the_cache(
    sqlite_registry: Store, cache_dir: Path, tmp_path: Path, builds: list[int]
) -> None:
    source = tmp_path / "in.csv"
    source.write_text("name\nТалибан\nDaesh\nNobody In Particular\n", encoding="utf-8")
    outputs = []
    for number, extra in enumerate(((), (), ("--no-cache",))):
        target = tmp_path / f"out{number}.csv"
        args = ["--file", str(source), "--out", str(target), "--workers", "1", *extra]
        _run(sqlite_registry, *args)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert len(builds) == 2


def test_library_screener_with_a_cache_matches_one_without(sqlite_registry: Store, tmp_path: Path) -> None:
    reader = sqlite_registry.reader()
    store = ScreenCache(tmp_path / "cache")
    filters = Filters(jurisdictions=("US",))  # at None: today, which keys the designations file
    fresh = Screener.from_reader(reader, filters)
    cached = [Screener.from_reader(reader, filters, cache=store) for _ in range(2)]
    assert cached[1].index._entries[0] is None  # loaded, not built: names not normalised yet
    for query in QUERIES:
        expected = fresh.screen(query, threshold=0.4)
        assert cached[0].screen(query, threshold=0.4) == expected
        assert cached[1].screen(query, threshold=0.4) == expected
    loaded = cached[1].designations
    assert loaded is not None and fresh.designations is not None
    assert json.dumps(dict(loaded)) == json.dumps(fresh.designations)  # order of entities and keys too


def test_nothing_is_kept_when_the_data_changed_while_building(
    sqlite_registry: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reader = sqlite_registry.reader()
    hashes = itertools.chain(["1-aaaa"], itertools.repeat("2-bbbb"))  # a write lands while building
    monkeypatch.setattr(reader, "content_hash", lambda: next(hashes))
    Screener.from_reader(reader, Filters(at="2024-01-01"), cache=ScreenCache(tmp_path / "cache"))
    assert not (tmp_path / "cache").exists()


def test_designations_json_would_change_are_not_kept(tmp_path: Path) -> None:
    store = ScreenCache(tmp_path / "cache")
    store.store_designations("s", "1-a", {"at": "2024-01-01"}, {"x": [{"since": ("a", "b")}]})
    assert store.load_designations("s", "1-a", {"at": "2024-01-01"}) is None
    store.store_designations("s", "1-a", {"at": "2024-01-01"}, {"x": [{"state": "listed", "since": None}]})
    loaded = store.load_designations("s", "1-a", {"at": "2024-01-01"})
    assert loaded is not None and dict(loaded) == {"x": [{"state": "listed", "since": None}]}
    assert list(loaded["x"][0]) == ["state", "since"]  # key order as stored
    assert store.load_designations("s", "1-a", {"at": "2024-01-02"}) is None


def test_names_round_trip_including_empty_and_unusual_ones(tmp_path: Path) -> None:
    entities = [
        Entity("e1", "Ñame With ünicode", names=(Name("名前"), Name("x"))),
        Entity("e2", "Other", kind="person", names=(Name("Another One"), Name("O'Brien & Co."))),
    ]
    built = NameIndex.from_entities(entities)
    store = ScreenCache(tmp_path / "cache")
    store.store_index("s", "1-a", built)
    loaded = store.load_index("s", "1-a")
    assert loaded is not None
    assert loaded.parts == built.parts
    assert [loaded.entry(n) for n in range(len(loaded))] == [built.entry(n) for n in range(len(built))]


def test_a_name_holding_nul_is_simply_not_cached(tmp_path: Path) -> None:
    store = ScreenCache(tmp_path / "cache")
    store.store_index("s", "1-a", NameIndex.from_entities([Entity("e1", "Bad\x00Name")]))
    assert store.load_index("s", "1-a") is None


def test_store_identity_hides_the_password_and_pins_sqlite_paths(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    assert store_identity("sqlite:///proscribe.db") == f"sqlite:///{tmp_path / 'proscribe.db'}"
    assert (
        store_identity("postgresql://me:secret@db:5432/proscribe") == "postgresql://me:***@db:5432/proscribe"
    )
    assert store_identity("sqlite://") is None
    assert store_identity("sqlite:///:memory:") is None


def test_fingerprint_leaves_out_exactly_the_layers_above_screening() -> None:
    """A layer above screening cannot change what it builds (import-linter forbids the imports), so its
    files are not fingerprinted; every other layer's are. This pins the list to pyproject's contract."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    layers: list[str] = contract["layers"]
    above = layers[: layers.index("proscribe.screen")]
    assert tuple(layer.removeprefix("proscribe.") for layer in above) == ABOVE_SCREEN
    assert len(fingerprint()) == 64


def test_fingerprint_moves_with_the_code_and_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "proscribe"
    (package / "screen").mkdir(parents=True)
    (package / "data" / "screen").mkdir(parents=True)
    (package / "cli").mkdir()
    (package / "screen" / "index.py").write_text("A = 1\n")
    (package / "data" / "screen" / "translit.yaml").write_text("a: b\n")
    (package / "cli" / "screen.py").write_text("B = 1\n")
    monkeypatch.setattr(cache_module, "_PACKAGE", package)

    def digest() -> str:
        cache_module.fingerprint.cache_clear()
        return cache_module.fingerprint()

    first = digest()
    (package / "cli" / "screen.py").write_text("B = 2\n")
    assert digest() == first
    (package / "screen" / "index.py").write_text("A = 2\n")
    second = digest()
    assert second != first
    (package / "data" / "screen" / "translit.yaml").write_text("a: c\n")
    assert digest() != second
    cache_module.fingerprint.cache_clear()


def test_both_backends_hit_and_answer_alike(registry: Store, tmp_path: Path) -> None:
    reader = registry.reader()
    store = ScreenCache(tmp_path / "cache")
    filters = Filters(at="2024-06-01")
    fresh = Screener.from_reader(reader, filters)
    first, second = (Screener.from_reader(reader, filters, cache=store) for _ in range(2))
    assert second.index._entries[0] is None  # loaded from the cache
    for query in QUERIES:
        expected = fresh.screen(query, threshold=0.4)
        assert first.screen(query, threshold=0.4) == second.screen(query, threshold=0.4) == expected


def test_unknown_filters_are_refused_every_time(sqlite_registry: Store, cache_dir: Path) -> None:
    """A refused filter leaves no designations file behind, so a second run is refused too."""
    _run(sqlite_registry, "Taliban")  # the index is cached
    for _ in range(2):
        result = CliRunner().invoke(main, ["--db", sqlite_registry.url, "screen", "Taliban", "--in", "XX"])
        assert result.exit_code == 2, result.output
    assert [path.name.split("-")[0] for path in _files(cache_dir)] == ["designations", "index", "pairs"]
