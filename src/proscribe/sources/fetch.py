"""Downloading official list files: httpx, conditional requests, size cap, truncation detected.

The network sits behind an injectable `httpx.BaseTransport`, so tests (and air-gapped mirrors)
replace it without patching. `fetch` sends `If-None-Match` / `If-Modified-Since` when it has
validators from the previous download and returns `not_modified` on 304 (a 304 to a request sent
without validators is an error: there is no earlier copy to reuse). A body shorter than its
`Content-Length`, a connection cut mid-body, a non-2xx status or an oversize body is a FetchError
naming the URL; nothing partial is ever returned.

Redirects are followed here, at most ten, each to where its Location header's bytes point
(proscribe.redirects). One that leaves HTTPS for plain HTTP, or leaves http(s), is refused: an
official list reached that way could have been altered in transit. Where a download came from, when
that is elsewhere than its URL, is kept as `final_url`.

Validators are opaque bytes to echo back: an ETag may hold any byte from 0x80 up (RFC 9110's
obs-text); Latin-1 maps each byte to one character and back, so they are read from the raw
header bytes as Latin-1 and sent back as the same bytes. One that cannot be sent as a header (a
hand-edited manifest, a server breaking the grammar) is not sent: the request goes out
unconditional, which costs a download, where sending it would fail every later update.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

import httpx

from proscribe import clock
from proscribe.errors import FetchError, HostileInputError
from proscribe.redirects import redirect_target, refused_redirect

MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024
MAX_REDIRECTS = 10
# A header field value: visible ASCII and obs-text, with spaces or tabs only between them.
_FIELD_VALUE = re.compile(rb"[\x21-\x7e\x80-\xff](?:[\x20\x09\x21-\x7e\x80-\xff]*[\x21-\x7e\x80-\xff])?")
USER_AGENT = "proscribe (+https://github.com/proscribe) official-list updater"


@dataclass(frozen=True, slots=True)
class Fetched:
    """The outcome of one conditional download."""

    url: str
    not_modified: bool
    data: bytes
    retrieved_at: datetime
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None  # where redirects led, when elsewhere than `url`


def fetch(
    url: str,
    etag: str | None = None,
    last_modified: str | None = None,
    transport: httpx.BaseTransport | None = None,
    max_bytes: int = MAX_DOWNLOAD_BYTES,
    timeout: float = 120.0,
) -> Fetched:
    """GET `url` conditionally; see the module docstring for the failure rules."""
    if not url.startswith(("https://", "http://")):
        raise FetchError(f"{url}: only http(s) URLs can be fetched")
    headers: dict[bytes, bytes] = {b"User-Agent": USER_AGENT.encode()}
    if_none_match, if_modified_since = _sendable(etag), _sendable(last_modified)
    if if_none_match is not None:
        headers[b"If-None-Match"] = if_none_match
    if if_modified_since is not None:
        headers[b"If-Modified-Since"] = if_modified_since
    conditional = if_none_match is not None or if_modified_since is not None
    current = url
    try:
        with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                with client.stream("GET", current, headers=headers) as response:
                    target = redirect_target(current, response)
                    if target is not None:
                        _check_redirect(url, current, target)
                        current = target
                        continue
                    return _received_file(
                        url, current, response, conditional, (etag, last_modified), max_bytes
                    )
    except httpx.InvalidURL as exc:
        raise FetchError(f"{_where(url, current)}: not a valid URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{_where(url, current)}: download failed: {exc}") from None
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects (last to {current})")


def _received_file(
    url: str,
    current: str,
    response: httpx.Response,
    conditional: bool,
    validators: tuple[str | None, str | None],
    max_bytes: int,
) -> Fetched:
    """The download `response` (to `url`, reached at `current`) carries, or a FetchError saying why not.

    A 304 to a `conditional` request reuses the earlier download, whose `validators` (ETag,
    Last-Modified) it keeps.
    """
    where = _where(url, current)
    final_url = current if current != url else None
    retrieved = clock.now()
    if response.status_code == 304:
        if not conditional:
            # A misconfigured cache or mirror: there is no earlier copy this could refer to.
            raise FetchError(
                f"{where}: the server answered 304 Not Modified to a request that was not "
                "conditional (no earlier download of it is held); nothing to reuse"
            )
        return Fetched(url, True, b"", retrieved, *validators, final_url)
    if response.status_code != 200:
        raise FetchError(f"{where}: HTTP {response.status_code}")
    data = _read_capped(where, response, max_bytes)
    expected = response.headers.get("Content-Length")
    received = response.num_bytes_downloaded  # bytes on the wire, before any decoding
    if expected is not None and expected.isdigit() and int(expected) != received:
        raise FetchError(f"{where}: truncated download: got {received} of {expected} bytes")
    return Fetched(
        url,
        False,
        data,
        retrieved,
        _received(response, b"etag"),
        _received(response, b"last-modified"),
        final_url,
    )


def _check_redirect(url: str, current: str, target: str) -> None:
    """Refuse a redirect off http(s), or from HTTPS to plain HTTP.

    A list that left HTTPS on the way could have been altered in transit, and nothing in the file
    would show it; an official server that does this is misconfigured, and the analyst should know.
    """
    reason = refused_redirect(current, target)
    if reason is not None:
        raise FetchError(f"{url}: {reason}")


def _where(url: str, current: str) -> str:
    """`url`, and where its redirects led when that is elsewhere: the subject of an error message."""
    return url if current == url else f"{url} (redirected to {current})"


def _received(response: httpx.Response, name: bytes) -> str | None:
    """The first `name` header of the response exactly as sent, one character per byte (Latin-1)."""
    for key, value in response.headers.raw:
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _sendable(validator: str | None) -> bytes | None:
    """`validator` as the header bytes to send back, or None when there is none or it is no valid
    header value (RFC 9110: visible characters, obs-text, inner spaces and tabs; nothing else)."""
    if not validator:
        return None
    try:
        raw = validator.encode("latin-1")
    except UnicodeEncodeError:
        return None
    if _FIELD_VALUE.fullmatch(raw) is None:
        return None
    return raw


def _read_capped(url: str, response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise HostileInputError(f"{url}: download exceeds the size limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
