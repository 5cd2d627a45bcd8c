"""`update` against a local HTTP server on 127.0.0.1: download, 304 Not Modified, new file, truncation."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from ingest_helpers import FIXTURES, fresh_store

from proscribe.cli import main
from proscribe.errors import FetchError
from proscribe.ingest.update import updatable, update
from proscribe.query.official import snapshots_held
from proscribe.sources.fetch import fetch
from proscribe.store import open_store


class Mirror:
    """What the fake server serves: path -> (body, etag), plus a switch to cut bodies short."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, str]] = {}
        self.truncate = False
        self.always_not_modified: set[str] = set()  # paths answered 304 even to a plain GET (a bad cache)
        self.requests: list[tuple[str, str | None]] = []
        self.redirects: dict[str, bytes] = {}  # path -> the raw bytes of the Location it answers 302 with

    def serve(self, path: str, body: bytes, etag: str | None = None) -> None:
        """Serve `body` at `path` with `etag` (sent as Latin-1 bytes), or one made from the body."""
        self.files[path] = (body, etag or _etag(body))


def _etag(body: bytes) -> str:
    """The ETag the fake server sends for `body`."""
    return '"' + hashlib.sha256(body).hexdigest()[:12] + '"'


@pytest.fixture
def mirror() -> Iterator[tuple[Mirror, str]]:
    state = Mirror()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requests.append((self.path, self.headers.get("If-None-Match")))
            if self.path in state.redirects:
                # Written raw: send_header would encode the Location as text, not send its bytes.
                location = state.redirects[self.path]
                self.wfile.write(
                    b"HTTP/1.0 302 Found\r\nLocation: " + location + b"\r\nContent-Length: 0\r\n\r\n"
                )
                return
            if self.path not in state.files:
                self.send_error(404)
                return
            body, etag = state.files[self.path]
            if self.headers.get("If-None-Match") == etag or self.path in state.always_not_modified:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body[: len(body) // 2] if state.truncate else body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_update_downloads_then_sends_validators_then_ingests_changes(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    state, base = mirror
    store = fresh_store(tmp_path)
    path = "/un-sc-consolidated/consolidated.xml"
    first = (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes()
    state.serve(path, first)

    [outcome] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert (outcome.status, outcome.error) == ("ingested", None)
    assert outcome.report is not None and outcome.report["records"] == 4
    [folder] = (tmp_path / "home" / "raw" / "un-sc-consolidated").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["consolidated.xml"]["sha256"] == hashlib.sha256(first).hexdigest()
    assert (folder / "consolidated.xml").read_bytes() == first

    [again] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert again.status == "not_modified"
    assert state.requests[-1] == (path, state.files[path][1])

    state.serve(path, (FIXTURES / "un" / "un_2020-02-01.xml").read_bytes())
    [changed] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert changed.status == "ingested"
    assert changed.report is not None and changed.report["changes"] == {"amend": 1, "delist": 1, "list": 1}
    # Each snapshot keeps where and when it was fetched, with the server's validator.
    held = snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"]
    assert [(s["date"], s["url"], s["etag"]) for s in held] == [
        ("2020-01-01", f"{base}{path}", _etag(first)),
        ("2020-02-01", f"{base}{path}", state.files[path][1]),
    ]
    assert all(s["retrieved_at"] for s in held)


def test_validators_are_sent_only_for_a_download_this_store_imported(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    state, base = mirror
    path = "/un-sc-consolidated/consolidated.xml"
    state.serve(path, (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    home = tmp_path / "home"
    (tmp_path / "a").mkdir()
    [first] = update(fresh_store(tmp_path / "a"), ["un-sc-consolidated"], mirror=base, home=home)
    assert first.status == "ingested"
    # Another database (a new one, or one whose import of that download never ended, say the
    # process died): the download on disk is not held there, so nothing conditional is asked.
    (tmp_path / "b").mkdir()
    other = fresh_store(tmp_path / "b")
    [again] = update(other, ["un-sc-consolidated"], mirror=base, home=home)
    assert state.requests[-1] == (path, None)
    assert again.status == "ingested" and again.report is not None and again.report["records"] == 4
    # Once held, its validators are sent and the server's 304 stands.
    [third] = update(other, ["un-sc-consolidated"], mirror=base, home=home)
    assert (third.status, state.requests[-1]) == ("not_modified", (path, state.files[path][1]))


def test_truncated_download_fails_and_leaves_the_database_unchanged(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    state, base = mirror
    store = fresh_store(tmp_path)
    state.serve("/un-sc-consolidated/consolidated.xml", (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    state.truncate = True
    before = store.reader().content_hash()
    result = CliRunner().invoke(
        main,
        ["--db", store.url, "update", "un-sc-consolidated", "--mirror", base, "--format", "json"],
        env={"PROSCRIBE_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 1
    outcome = json.loads(result.stdout)["updates"][0]
    assert outcome["status"] == "failed"
    assert f"{base}/un-sc-consolidated/consolidated.xml: download failed" in outcome["error"]
    assert store.reader().content_hash() == before
    assert not (tmp_path / "home" / "raw").exists()


def test_a_download_with_under_half_the_records_is_refused_and_kept_for_review(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    state, base = mirror
    store = fresh_store(tmp_path)
    path = "/un-sc-consolidated/consolidated.xml"
    state.serve(path, (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    before = store.reader().content_hash()
    # A well-formed file that a publishing fault left with one record of four.
    state.serve(
        path,
        b'<CONSOLIDATED_LIST dateGenerated="2020-03-01T00:00:00Z"><ENTITIES><ENTITY><FIRST_NAME>X'
        b"</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><REFERENCE_NUMBER>QDe.900</REFERENCE_NUMBER>"
        b"</ENTITY></ENTITIES></CONSOLIDATED_LIST>",
    )
    [outcome] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert outcome.status == "failed" and outcome.error is not None
    kept = Path(outcome.error.split(": 1 records against 4")[0])
    assert outcome.error.endswith(
        "if it is the whole list, with --whole (here: after review, `proscribe update un-sc-consolidated "
        "--whole` fetches and imports it)"
    )
    assert kept.read_bytes() == state.files[path][0]  # the raw file, to review
    assert (kept.parent / "import-failed.txt").read_text() == outcome.error + "\n"
    assert store.reader().content_hash() == before

    # The refused file's ETag is never sent: a 304 to it would hide the list from every later update.
    [again] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert again.status == "failed"
    first_etag = _etag((FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    assert state.requests[-1] == (path, first_etag)

    runner = CliRunner()
    home = {"PROSCRIBE_HOME": str(tmp_path / "home")}
    unnamed = runner.invoke(main, ["--db", store.url, "update", "--whole", "--mirror", base], env=home)
    assert unnamed.exit_code != 0
    assert "--whole applies to the sources named" in unnamed.output
    # Reviewed: the list really shrank. Imported as the whole list, with where and when it was fetched.
    result = runner.invoke(
        main,
        ["--db", store.url, "update", "un-sc-consolidated", "--whole", "--mirror", base, "--format", "json"],
        env=home,
    )
    assert result.exit_code == 0, result.output
    [accepted] = json.loads(result.stdout)["updates"]
    assert accepted["status"] == "ingested"
    # QDi.901, TAi.902 and NAe.001 are gone; QDe.900 is left, renamed "X" with its aliases dropped.
    assert accepted["report"]["changes"] == {"amend": 1, "delist": 3}
    assert any("imported as the whole list (--whole)" in w for w in accepted["report"]["warnings"])
    held = snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"]
    assert [(s["date"], s["url"], s["etag"]) for s in held] == [
        ("2020-01-01", f"{base}{path}", first_etag),
        ("2020-03-01", f"{base}{path}", state.files[path][1]),
    ]
    # Imported: its ETag is the one sent next time.
    [later] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert later.status == "not_modified"


def test_file_set_reuses_unmodified_files_and_is_dated_by_retrieval(
    tmp_path: Path, mirror: tuple[Mirror, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    state, base = mirror
    store = fresh_store(tmp_path)
    january = FIXTURES / "ofac-2020-01"
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        state.serve(f"/us-ofac-sdn-csv/{name}", (january / name).read_bytes())
    monkeypatch.setenv("PROSCRIBE_NOW", "2020-01-15T12:00:00+00:00")
    [first] = update(store, ["us-ofac-sdn-csv"], mirror=base, home=tmp_path / "home")
    assert first.report is not None
    assert (first.status, first.report["snapshot_date"], first.report["records"]) == (
        "ingested",
        "2020-01-15",
        4,
    )

    state.serve("/us-ofac-sdn-csv/sdn.csv", (FIXTURES / "ofac-2020-06" / "sdn.csv").read_bytes())
    monkeypatch.setenv("PROSCRIBE_NOW", "2020-06-15T12:00:00+00:00")
    [second] = update(store, ["us-ofac-sdn-csv"], mirror=base, home=tmp_path / "home")
    assert second.report is not None
    assert (second.status, second.report["snapshot_date"]) == ("ingested", "2020-06-15")
    # sdn.csv changed (11 gone, 14 new on us-sdn and us-sdgt); alt/add/comments answered 304 and were reused.
    assert second.report["changes"] == {"delist": 1, "list": 2}
    conditional = [etag for path, etag in state.requests[-4:] if path != "/us-ofac-sdn-csv/sdn.csv"]
    assert len(conditional) == 3 and all(conditional)
    latest = sorted((tmp_path / "home" / "raw" / "us-ofac-sdn-csv").iterdir())[-1]
    assert (latest / "alt.csv").read_bytes() == (january / "alt.csv").read_bytes()


def test_a_list_changed_again_on_a_day_held_is_deferred_not_failed(
    tmp_path: Path, mirror: tuple[Mirror, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """OFAC may publish twice a day: the second version of a day already held waits for the first
    update of another day, without failing the update every hour until then."""
    state, base = mirror
    store = fresh_store(tmp_path)
    january = FIXTURES / "ofac-2020-01"
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        state.serve(f"/us-ofac-sdn-csv/{name}", (january / name).read_bytes())
    monkeypatch.setenv("PROSCRIBE_NOW", "2020-01-15T09:00:00+00:00")
    update(store, ["us-ofac-sdn-csv"], mirror=base, home=tmp_path / "home")
    before = store.reader().content_hash()
    raw = tmp_path / "home" / "raw" / "us-ofac-sdn-csv"
    kept = sorted(raw.iterdir())

    state.serve("/us-ofac-sdn-csv/sdn.csv", (FIXTURES / "ofac-2020-06" / "sdn.csv").read_bytes())
    monkeypatch.setenv("PROSCRIBE_NOW", "2020-01-15T18:00:00+00:00")
    runner = CliRunner()
    home = {"PROSCRIBE_HOME": str(tmp_path / "home")}
    result = runner.invoke(
        main, ["--db", store.url, "update", "us-ofac-sdn-csv", "--mirror", base, "--format", "json"], env=home
    )
    assert result.exit_code == 0, result.output
    [deferred] = json.loads(result.stdout)["updates"]
    assert (deferred["status"], deferred["report"]) == ("deferred", None)
    assert deferred["error"] == (
        "us-ofac-sdn-csv changed again on 2020-01-15, a day already held (one snapshot per day): "
        "the list as it is then is imported by the first update of another day"
    )
    assert store.reader().content_hash() == before
    assert sorted(raw.iterdir()) == kept  # the deferred download is fetched again, not kept

    monkeypatch.setenv("PROSCRIBE_NOW", "2020-01-16T06:00:00+00:00")
    [next_day] = update(store, ["us-ofac-sdn-csv"], mirror=base, home=tmp_path / "home")
    assert next_day.report is not None
    assert (next_day.status, next_day.report["snapshot_date"]) == ("ingested", "2020-01-16")


def test_a_file_dated_version_of_a_day_held_waits_for_another_days_version(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    state, base = mirror
    store = fresh_store(tmp_path)
    path = "/un-sc-consolidated/consolidated.xml"
    first = (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes()
    state.serve(path, first)
    update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    # The same day's list regenerated with one more alias: a different file dated 2020-01-01.
    state.serve(path, first.replace(b"</ALIAS_NAME>", b"</ALIAS_NAME><!-- regenerated -->", 1))
    [again] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert again.status == "deferred"
    assert again.error is not None
    assert again.error.endswith("imported when the publisher dates a version another day")


def test_a_plain_update_of_the_uk_fetches_the_uk_sanctions_list(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    """OFSI's list closed in January 2026: the UK's default download is the FCDO's list."""
    state, base = mirror
    state.serve(
        "/uk-sanctions-list/UK-Sanctions-List.csv",
        (FIXTURES / "uk-fcdo" / "uk-sanctions-list_2026-10-08.csv").read_bytes(),
    )
    store = fresh_store(tmp_path)
    [outcome] = update(store, ["uk-sanctions-list"], mirror=base, home=tmp_path / "home")
    assert (outcome.status, outcome.error) == ("ingested", None)
    assert outcome.report is not None
    assert (outcome.report["snapshot_date"], outcome.report["records"]) == ("2026-10-08", 5)
    assert "uk-hmt-ofsi-consolidated" not in [m.id for m in updatable()]


def test_default_update_set_and_a_source_without_urls(tmp_path: Path) -> None:
    assert [m.id for m in updatable()] == [
        "ca-sema",
        "eu-fsf",
        "uk-sanctions-list",
        "un-sc-consolidated",
        "us-ofac-non-sdn-csv",
        "us-ofac-sdn-csv",
        "us-trade-csl",
    ]
    store = fresh_store(tmp_path)
    [outcome] = update(store, ["eu-fsf-csv"], home=tmp_path / "home")
    assert outcome.status == "failed"
    assert outcome.error == "eu-fsf-csv: no download URL in data/sources/eu-fsf-csv.yaml"


def test_a_304_to_a_plain_request_is_an_error_not_an_unchanged_list(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    """A cache or mirror answering 304 Not Modified when nothing conditional was asked has nothing to
    compare with: the update of that source fails and says so, and the others go on."""
    state, base = mirror
    store = fresh_store(tmp_path)
    january = FIXTURES / "ofac-2020-01"
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        state.serve(f"/us-ofac-sdn-csv/{name}", (january / name).read_bytes())
    state.serve("/un-sc-consolidated/consolidated.xml", (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    state.always_not_modified = {"/us-ofac-sdn-csv/alt.csv", "/un-sc-consolidated/consolidated.xml"}
    before = store.reader().content_hash()
    outcomes = update(store, ["us-ofac-sdn-csv", "un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert [(o.source, o.status, o.error) for o in outcomes] == [
        (
            "us-ofac-sdn-csv",
            "failed",
            f"{base}/us-ofac-sdn-csv/alt.csv: the server answered 304 Not Modified to a request "
            "that was not conditional (no earlier download of it is held); nothing to reuse",
        ),
        (
            "un-sc-consolidated",
            "failed",
            f"{base}/un-sc-consolidated/consolidated.xml: the server answered 304 Not Modified to a "
            "request that was not conditional (no earlier download of it is held); nothing to reuse",
        ),
    ]
    assert store.reader().content_hash() == before
    assert not (tmp_path / "home" / "raw").exists()


def test_a_busy_database_fails_the_update_without_marking_the_download_as_bad(
    tmp_path: Path, mirror: tuple[Mirror, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another writer holds the database past the wait: the source fails saying so, and its download
    is not marked `import-failed` (nothing is wrong with it); the next update imports it."""
    state, base = mirror
    store = fresh_store(tmp_path)
    state.serve("/un-sc-consolidated/consolidated.xml", (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    monkeypatch.setenv("PROSCRIBE_WRITE_LOCK_TIMEOUT", "0.3")
    held, release = threading.Event(), threading.Event()

    def other_writer() -> None:
        with open_store(store.url).writing():
            held.set()
            release.wait(30)

    thread = threading.Thread(target=other_writer)
    thread.start()
    try:
        assert held.wait(10)
        [busy] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    finally:
        release.set()
        thread.join()
    assert busy.status == "failed"
    assert busy.error == (
        f"database {store.url} is busy: another import, update or identity change has been writing "
        "to it for over 0.3 s; try again when it ends"
    )
    [folder] = (tmp_path / "home" / "raw" / "un-sc-consolidated").iterdir()
    assert not (folder / "import-failed.txt").exists()
    [later] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert later.status == "ingested" and later.report is not None and later.report["records"] == 4


@pytest.mark.parametrize(
    "etag",
    [
        '"caf\xe9-1"',  # the byte 0xE9: obs-text, which RFC 9110 allows in an entity tag
        '"caf\xc3\xa9-1"',  # UTF-8 bytes, which httpx would decode to one character
    ],
)
def test_an_entity_tag_of_bytes_beyond_ascii_is_sent_back_byte_for_byte(
    tmp_path: Path, mirror: tuple[Mirror, str], etag: str
) -> None:
    """A validator is echoed as the bytes the server sent. Decoded as text it could not be sent
    again, and every later update of the source failed with a traceback."""
    state, base = mirror
    store = fresh_store(tmp_path)
    path = "/un-sc-consolidated/consolidated.xml"
    state.serve(path, (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes(), etag=etag)
    [first] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert (first.status, first.error) == ("ingested", None)
    [held] = snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"]
    assert held["etag"] == etag

    [again] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert (again.status, again.error) == ("not_modified", None)
    assert state.requests[-1] == (path, etag)


def test_a_validator_that_is_no_header_value_is_not_sent(tmp_path: Path, mirror: tuple[Mirror, str]) -> None:
    """A manifest edited by hand into a validator no header can carry: the request goes out
    unconditional, and the download is recognised as the snapshot already held."""
    state, base = mirror
    store = fresh_store(tmp_path)
    path = "/un-sc-consolidated/consolidated.xml"
    state.serve(path, (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())
    update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    [folder] = (tmp_path / "home" / "raw" / "un-sc-consolidated").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["consolidated.xml"]["etag"] = '"\u20ac-1"'  # beyond Latin-1: no header byte for it
    manifest["consolidated.xml"]["last_modified"] = "Tue, 01 Jan\r\nX-Injected: 1"
    (folder / "manifest.json").write_text(json.dumps(manifest))

    [again] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert (again.status, again.error) == ("unchanged", None)
    assert state.requests[-1] == (path, None)


def test_a_malformed_mirror_url_fails_the_source_naming_the_url(tmp_path: Path) -> None:
    """Before, httpx's InvalidURL escaped `update` as a traceback and stopped every other source."""
    store = fresh_store(tmp_path)
    result = CliRunner().invoke(
        main,
        ["--db", store.url, "update", "un-sc-consolidated", "--mirror", "http://[::1"],
        env={"PROSCRIBE_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 1
    assert "un-sc-consolidated  failed  http://[::1/un-sc-consolidated/consolidated.xml: not a valid URL" in (
        result.output
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_a_redirected_download_is_read_from_where_the_location_bytes_point(
    tmp_path: Path, mirror: tuple[Mirror, str]
) -> None:
    """Each hop is followed as its Location's bytes say (a Latin-1 byte escaped as sent, where
    httpx's own redirects went to its UTF-8 escapes), and the manifest keeps where the file came
    from besides the URL asked for, which stays the snapshot's URL."""
    state, base = mirror
    store = fresh_store(tmp_path)
    path = "/un-sc-consolidated/consolidated.xml"
    state.redirects[path] = b"/moved/consolidated.xml"
    state.redirects["/moved/consolidated.xml"] = base.encode() + b"/archiv/m\xe4rz.xml"
    first = (FIXTURES / "un" / "un_2020-01-01.xml").read_bytes()
    state.serve("/archiv/m%E4rz.xml", first)

    [outcome] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert (outcome.status, outcome.error) == ("ingested", None)
    assert [request for request, _ in state.requests] == [
        path,
        "/moved/consolidated.xml",
        "/archiv/m%E4rz.xml",
    ]
    [folder] = (tmp_path / "home" / "raw" / "un-sc-consolidated").iterdir()
    manifest = json.loads((folder / "manifest.json").read_text())["consolidated.xml"]
    assert (manifest["url"], manifest["final_url"]) == (f"{base}{path}", f"{base}/archiv/m%E4rz.xml")
    [held] = snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"]
    assert held["url"] == f"{base}{path}"

    # The validators are sent along every hop, so the final server can answer 304.
    [again] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert again.status == "not_modified"
    assert state.requests[-1] == ("/archiv/m%E4rz.xml", _etag(first))


def test_a_redirect_loop_fails_the_source_naming_it(tmp_path: Path, mirror: tuple[Mirror, str]) -> None:
    state, base = mirror
    store = fresh_store(tmp_path)
    state.redirects["/un-sc-consolidated/consolidated.xml"] = b"/a"
    state.redirects["/a"] = b"/un-sc-consolidated/consolidated.xml"
    [outcome] = update(store, ["un-sc-consolidated"], mirror=base, home=tmp_path / "home")
    assert outcome.status == "failed"
    assert outcome.error == (
        f"{base}/un-sc-consolidated/consolidated.xml: more than 10 redirects (last to {base}/a)"
    )
    assert len(state.requests) == 11
    assert snapshots_held(store.reader(), "un-sc-consolidated")["snapshots"] == []


@pytest.mark.parametrize(
    ("location", "message"),
    [
        (
            b"http://lists.test/plain.xml",
            "from HTTPS to plain HTTP: refused, as what arrives could be altered in transit",
        ),
        (b"ftp://lists.test/list.xml", "only http(s) URLs can be fetched"),
    ],
)
def test_a_redirect_off_https_is_refused(tmp_path: Path, location: bytes, message: str) -> None:
    """An official list that left HTTPS on the way could have been altered in transit; httpx's own
    redirects followed it silently. (TLS on loopback needs a certificate the test cannot make
    trusted, so this one fakes the network at its edge, the transport.)"""
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/consolidated.xml":
            return httpx.Response(301, headers=[(b"location", location)])
        return httpx.Response(200, content=(FIXTURES / "un" / "un_2020-01-01.xml").read_bytes())

    with pytest.raises(FetchError) as raised:
        fetch("https://lists.test/consolidated.xml", transport=httpx.MockTransport(handler))
    assert str(raised.value) == (
        f"https://lists.test/consolidated.xml: redirected from https://lists.test/consolidated.xml "
        f"to {location.decode()}{', ' if 'HTTPS' in message else ': '}{message}"
    )
    assert asked == ["https://lists.test/consolidated.xml"]
