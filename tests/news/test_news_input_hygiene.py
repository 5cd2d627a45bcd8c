"""News inputs that say nothing or cannot be read as written: empty articles, text that is not
UTF-8, control characters; refused naming the file, or read without what does not belong."""

from __future__ import annotations

import codecs
import json
import re
from datetime import date
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from proscribe.cli import main
from proscribe.errors import FormatError, InputError
from proscribe.ingest.news import ingest_news
from proscribe.news.document import Document, check_text, without_controls
from proscribe.news.extract import Extractor
from proscribe.news.inputs import FetchOptions, fetch_url, load_documents
from proscribe.store import open_store

ARTICLE = "Russia banned the Taliban on 12 March 2024.\n"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # A stray Latin-1 e-acute: line 2, offset 27 ("Russia ... Taliban.\n") + 3 ("Caf").
        (
            b"Russia banned the Taliban.\nCaf\xe9 owners cheered.\n",
            "line 2: not UTF-8 text (byte 0xe9 at offset 30)",
        ),
        # A UTF-16 mark before 8-bit text is no UTF-16: read so, the text would be CJK characters.
        (b"\xff\xfeRussia banned the Taliban.\n", "line 1: not UTF-8 text (byte 0xff at offset 0)"),
    ],
)
def test_text_that_is_not_utf8_is_refused_naming_the_byte(data: bytes, message: str) -> None:
    with pytest.raises(
        FormatError, match=re.escape(f"a.txt: {message}; save it as UTF-8, or name its encoding (--encoding)")
    ):
        check_text(data, "a.txt", 1000)


def test_utf16_with_its_mark_and_a_declared_encoding_are_read() -> None:
    assert check_text(codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "a.txt", 1000) == ARTICLE
    assert check_text(codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "a.txt", 1000) == ARTICLE
    page = '<html><head><meta charset="windows-1251"></head><body><p>Россия</p></body></html>'
    assert check_text(page.encode("cp1251"), "a.html", 1000) == page
    old_style = '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r"><p>Россия</p>'
    assert check_text(old_style.encode("koi8-r"), "a.html", 1000) == old_style
    # A response's charset wins over nothing stated in the page.
    assert check_text("Россия".encode("cp1251"), "https://x.test/a", 1000, "windows-1251") == "Россия"


def test_bytes_the_declared_encoding_does_not_hold_are_refused_naming_it() -> None:
    with pytest.raises(
        FormatError,
        match=re.escape(
            "https://x.test/a: line 1: byte 0xe9 at offset 3 is not utf-8 text, the encoding declared"
        ),
    ):
        check_text(b"Caf\xe9", "https://x.test/a", 1000, "utf-8")


def test_a_page_fetched_in_its_declared_encoding_is_read_in_it() -> None:
    body = "<html><body><p>Россия запретила движение Талибан.</p></body></html>"

    def handler(_request: httpx.Request) -> httpx.Response:
        return httpx.Response(
            200, headers={"content-type": "text/html; charset=windows-1251"}, content=body.encode("cp1251")
        )

    options = FetchOptions(transport=httpx.MockTransport(handler), resolver=lambda _host: ["93.184.216.34"])
    assert fetch_url("https://news.test/a", options) == (body, "text/html", "https://news.test/a")


def test_control_characters_leave_an_article_the_names_they_split_found() -> None:
    text = "\x1b[2J\x1b[31mRussia banned the Tali\x07ban on 12 March 2024.\x1b[0m\x0cPage 2\x1eend\x1fnote"
    assert without_controls(text) == "Russia banned the Taliban on 12 March 2024.\nPage 2\nend note"
    # A C1 character is a Windows-1252 one read as Latin-1 on the way (U+0092 for an apostrophe).
    assert without_controls("Hay\x92at Tahrir al-Sham\x81") == "Hay\u2019at Tahrir al-Sham"
    assert without_controls(ARTICLE) == ARTICLE


def test_a_file_with_control_characters_is_read_without_them(tmp_path: Path, extractor: Extractor) -> None:
    path = tmp_path / "escaped.txt"
    path.write_bytes(b"\x1b[31mRussia banned the Tali\x07ban on 12 March 2024.\x1b[0m\n")
    (document,) = load_documents([str(path)], None, FetchOptions())
    assert document.text == ARTICLE
    claims = extractor.extract(document)
    assert [(c.entity_id, c.jurisdiction, c.action, c.evidence) for c in claims] == [
        ("taliban", "RU", "list", "Russia banned the Taliban on 12 March 2024.")
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty (or only white space)"),
        ("blank.txt", b"  \n\t\r\n", "empty (or only white space)"),
        (
            "furniture.html",
            b"<html><body><script>x()</script><nav>Home</nav></body></html>",
            "a page with no article text (only markup, scripts or navigation)",
        ),
    ],
)
def test_an_article_without_text_is_refused_naming_the_file(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(
        InputError, match=re.escape(f"{path}: {message}: no article text to read claims from")
    ):
        load_documents([str(path)], None, FetchOptions())


def test_an_empty_jsonl_record_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text(
        '{"id": "a", "text": "Russia banned the Taliban."}\n{"id": "b", "text": " "}\n', encoding="utf-8"
    )
    with pytest.raises(InputError, match=re.escape(f"{path}: line 2: empty (or only white space)")):
        load_documents([str(path)], None, FetchOptions())


def test_extract_reads_the_other_inputs_and_says_which_it_skipped(tmp_path: Path) -> None:
    """`extract` stores nothing: an empty file or JSONL record is left out with a warning naming it,
    and the other articles are read, where an ingest refuses the whole run."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_bytes(b"  \n")
    records = tmp_path / "more.jsonl"
    records.write_text('{"id": "c", "text": ""}\n{"id": "d", "text": "Kazakhstan banned ISIL."}\n', "utf-8")
    skipped: list[str] = []
    documents = load_documents([str(folder), str(records)], None, FetchOptions(), skipped)
    assert [d.id for d in documents] == ["a", "d"]
    assert skipped == [
        f"{folder / 'b.txt'}: empty (or only white space): no article text to read claims from",
        f"{records}: line 1: empty (or only white space): no article text to read claims from",
    ]
    code, out, err = _run(tmp_path / "p.db", "extract", str(folder), "--format", "json")
    assert code == 0, err
    assert [c["organisation"] for c in json.loads(out)] == ["Taliban"]
    assert f"warning: {skipped[0]}; skipped" in err


def _run(db: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["--db", f"sqlite:///{db}", *args])
    return result.exit_code, result.stdout, result.stderr


def _news_documents(db: Path) -> list[str]:
    code, out, _err = _run(db, "sources", "documents", "--kind", "news", "--format", "json")
    assert code == 0, out
    return [row["title"] for row in json.loads(out)["documents"]]


def test_one_bad_file_refuses_the_whole_ingest_and_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    assert _run(db, "init")[0] == 0
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"Russia banned the Taliban.\nCaf\xe9\n")
    code, _out, err = _run(db, "ingest", "news", str(good), str(empty), "--published", "2024-05-30")
    assert (code, err) == (
        2,
        f"error: {empty}: empty (or only white space): no article text to read claims from\n",
    )
    code, _out, err = _run(db, "ingest", "news", str(good), str(latin), "--published", "2024-05-30")
    assert (code, err) == (
        1,
        f"error: {latin}: line 2: not UTF-8 text (byte 0xe9 at offset 30); save it as UTF-8, or name its "
        "encoding (--encoding)\n",
    )
    assert _news_documents(db) == []
    # The good file alone is stored, and listed.
    code, out, _err = _run(db, "ingest", "news", str(good), "--published", "2024-05-30")
    assert (code, json.loads(out)["new_sources"], json.loads(out)["new_claims"]) == (0, 1, 1)
    assert _news_documents(db) == ["good"]


def test_the_ingest_refuses_a_document_without_text_before_writing(tmp_path: Path) -> None:
    """Documents built otherwise than from files (the API's, a caller's own) are checked as well."""
    db = tmp_path / "p.db"
    assert _run(db, "init")[0] == 0
    store = open_store(f"sqlite:///{db}")
    documents = [Document("good", ARTICLE, date(2024, 5, 30)), Document("blank", " \n", date(2024, 5, 30))]
    with pytest.raises(
        InputError, match=re.escape("blank: no article text to read claims from; nothing was stored")
    ):
        ingest_news(store, documents)
    store.dispose()
    assert _news_documents(db) == []


def test_a_file_not_in_utf8_is_read_in_the_encoding_named(tmp_path: Path) -> None:
    """`--encoding cp1251` reads a Russian article saved by an old editor; nothing is guessed without it."""
    article = tmp_path / "ru.txt"
    article.write_bytes(
        "Верховный суд России 17 апреля 2025 года приостановил запрет движения Талибан.\n".encode("cp1251")
    )
    code, out, err = _run(
        tmp_path / "p.db", "extract", str(article), "--encoding", "cp1251", "--format", "json"
    )
    assert code == 0, err
    assert [(c["organisation"], c["action"], c["date"]) for c in json.loads(out)] == [
        ("Taliban", "suspend", "2025-04-17")
    ]
    code, _out, err = _run(tmp_path / "p.db", "extract", str(article), "--encoding", "nope")
    assert code == 2 and "unknown encoding 'nope'" in err
