"""Inputs: files, JSONL records, URL fetch guards (no network: injected transport and resolver)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from proscribe.errors import FetchError, FormatError, HostileInputError, InputError
from proscribe.news.inputs import FetchOptions, check_host, fetch_url, load_documents


def _public(_host: str) -> list[str]:
    return ["93.184.216.34"]


def test_loopback_url_is_refused_before_any_request() -> None:
    def explode(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    options = FetchOptions(transport=httpx.MockTransport(explode))
    with pytest.raises(HostileInputError, match=r"non-public address 127\.0\.0\.1"):
        load_documents(["http://127.0.0.1:8080/article"], None, options)


@pytest.mark.parametrize("address", ["10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1"])
def test_private_and_link_local_hosts_are_refused(address: str) -> None:
    with pytest.raises(HostileInputError):
        check_host("http://internal.test/x", FetchOptions(resolver=lambda _h: [address]))
    check_host("http://internal.test/x", FetchOptions(allow_private=True, resolver=lambda _h: [address]))


def test_only_http_urls() -> None:
    with pytest.raises(InputError, match="only http and https"):
        check_host("file:///etc/passwd", FetchOptions(resolver=_public))


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://[::1", "Invalid IPv6 URL"),
        ("http://[news.test]/a", "does not appear to be an IPv4 or IPv6 address"),
        ("http://news\x01.test/a", "Invalid non-printable ASCII character"),
    ],
)
def test_a_malformed_url_is_refused_naming_it_before_any_request(url: str, why: str) -> None:
    """Before, these ended the command (or an API request) in a Python traceback."""

    def explode(request: httpx.Request) -> httpx.Response:
        raise AssertionError("no request may be sent")

    options = FetchOptions(transport=httpx.MockTransport(explode), resolver=_public)
    with pytest.raises(InputError, match=f"^{re.escape(url)}: not a valid URL: .*{re.escape(why)}"):
        load_documents([url], None, options)


def test_fetch_checks_content_type_and_size() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/image":
            return httpx.Response(200, headers={"content-type": "image/png"}, content=b"\x89PNG")
        if request.url.path == "/big":
            return httpx.Response(200, headers={"content-type": "text/html"}, content=b"<p>" + b"a" * 5000)
        return httpx.Response(
            200, headers={"content-type": "text/html; charset=utf-8"}, content=b"<p>Hello.</p>"
        )

    options = FetchOptions(transport=httpx.MockTransport(handler), resolver=_public, max_bytes=1000)
    with pytest.raises(HostileInputError, match=r"content type 'image/png'"):
        fetch_url("https://news.test/image", options)
    with pytest.raises(HostileInputError, match="over the 1000-byte limit"):
        fetch_url("https://news.test/big", options)
    assert fetch_url("https://news.test/ok", options) == (
        "<p>Hello.</p>",
        "text/html",
        "https://news.test/ok",
    )


def test_a_redirect_to_a_private_address_is_refused() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "https://metadata.test/latest"})

    def resolver(host: str) -> list[str]:
        return ["169.254.169.254"] if host == "metadata.test" else ["93.184.216.34"]

    options = FetchOptions(transport=httpx.MockTransport(handler), resolver=resolver)
    with pytest.raises(HostileInputError, match=r"metadata\.test"):
        fetch_url("https://news.test/a", options)


@pytest.mark.parametrize(
    ("start", "location", "outcome"),
    [
        # Leaving HTTPS: the article could be altered in transit, and nothing in it would show.
        ("https://news.test/a", "http://news.test/b", "refused"),
        ("https://news.test/a", "ftp://news.test/b", "refused"),
        ("http://news.test/a", "https://news.test/b", "https://news.test/b"),
        ("http://news.test/a", "http://news.test/b", "http://news.test/b"),
    ],
)
def test_a_redirect_never_leaves_https(start: str, location: str, outcome: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a":
            return httpx.Response(302, headers={"location": location})
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"Article.")

    options = FetchOptions(transport=httpx.MockTransport(handler), resolver=_public)
    if outcome != "refused":
        assert fetch_url(start, options) == ("Article.", "text/plain", outcome)
        return
    with pytest.raises(FetchError) as caught:
        fetch_url(start, options)
    assert str(caught.value).startswith(f"{start}: redirected from {start} to {location}")


@pytest.mark.parametrize(
    ("location", "reached"),
    [
        # Latin-1 bytes: each byte escaped as sent, as a browser does (httpx alone gave /caf%C3%A9).
        (b"/caf\xe9?q=\xe0 b", "https://news.test/caf%E9?q=%E0%20b"),
        # UTF-8 bytes give the same escapes, even beside another header that is not UTF-8.
        ("/café".encode(), "https://news.test/caf%C3%A9"),
        (b"/already%20escaped", "https://news.test/already%20escaped"),
    ],
)
def test_a_redirect_goes_where_the_location_bytes_say(location: bytes, reached: str) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/start":
            headers = [(b"location", location), (b"x-note", b"r\xe9sum\xe9")]
            return httpx.Response(302, headers=headers)
        return httpx.Response(200, headers={"content-type": "text/plain"}, content=b"Article.")

    options = FetchOptions(transport=httpx.MockTransport(handler), resolver=_public)
    assert fetch_url("https://news.test/start", options) == ("Article.", "text/plain", reached)


def test_jsonl_records_and_files(tmp_path: Path) -> None:
    records = [
        {"id": "a1", "text": "Canada listed Hamas.", "pub_date": "2024-01-02", "url": "https://x.test/a"},
        {"id": "a2", "html": "<html><body><p>Japan listed Hamas.</p></body></html>", "pub_date": None},
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    (tmp_path / "note.txt").write_text("Egypt listed Hamas.", encoding="utf-8")
    docs = load_documents([str(tmp_path)], None, FetchOptions())
    assert [(d.id, d.text, str(d.pub_date)) for d in docs] == [
        ("a1", "Canada listed Hamas.", "2024-01-02"),
        ("a2", "Japan listed Hamas.", "None"),
        ("note", "Egypt listed Hamas.", "None"),
    ]


def test_malformed_jsonl_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "ok"}\n{"id": "y"}\n', encoding="utf-8")
    with pytest.raises(FormatError, match=r"bad\.jsonl: line 2"):
        load_documents([str(path)], None, FetchOptions())


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ('{"id": "y", "text": "ok", "url": 5}', "line 2: `url` must be a string"),
        ('{"id": "y", "text": "ok", "title": ["t"]}', "line 2: `title` must be a string"),
        ('{"id": "y", "html": {"p": "ok"}}', "line 2: `text`/`html` must be a string"),
        # JSON can spell a NUL character; no article holds one, and PostgreSQL could not store it.
        (
            '{"id": "y", "text": "Russia banned the Tali\\u0000ban."}',
            "line 2: `text/html` holds a NUL character",
        ),
        ('{"id": "y", "text": "ok", "title": "T\\u0000"}', "line 2: `title` holds a NUL character"),
        ('{"id": "y\\u0000", "text": "ok"}', "line 2: `id` holds a NUL character"),
        # Python's decoder recurses per level: this was a RecursionError traceback.
        (
            '{"id": "y", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
            "line 2: JSON nested too deep to read",
        ),
    ],
)
def test_a_jsonl_field_of_another_type_names_the_line_and_field(
    tmp_path: Path, record: str, message: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "x", "text": "ok"}\n' + record + "\n", encoding="utf-8")
    with pytest.raises(FormatError, match=re.escape(f"bad.jsonl: {message}")):
        load_documents([str(path)], None, FetchOptions())


def test_a_50_mb_file_and_binary_file_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(HostileInputError, match="over the"):
        load_documents([str(big)], None, FetchOptions())
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(HostileInputError, match="binary"):
        load_documents([str(binary)], None, FetchOptions())
    # One NUL byte after 64 KB of plain text: still binary, named by its line.
    late = tmp_path / "late.txt"
    late.write_bytes(b"Russia banned the Taliban.\n" * 3000 + b"and\x00more\n")
    with pytest.raises(HostileInputError, match=re.escape("late.txt: line 3001: binary data (NUL bytes)")):
        load_documents([str(late)], None, FetchOptions())
