"""Downloading official list files: httpx, conditional requests, size cap, truncation detected.

The network sits behind an injectable `httpx.BaseTransport`, so tests (and air-gapped mirrors)
replace it without patching. `fetch` sends `If-None-Match` / `If-Modified-Since` when it has
validators from the previous download and returns `not_modified` on 304 (a 304 to a request sent
without validators is an error: there is no earlier copy to reuse). A body shorter than its
`Content-Length`, a connection cut mid-body, a non-2xx status or an oversize body is a FetchError
naming the URL; nothing partial is ever returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import httpx

from proscribe import clock
from proscribe.errors import FetchError, HostileInputError

MAX_DOWNLOAD_BYTES = 512 * 1024 * 1024
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
    headers = {"User-Agent": USER_AGENT}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with (
            httpx.Client(transport=transport, timeout=timeout, follow_redirects=True) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            retrieved = clock.now()
            if response.status_code == 304:
                if not (etag or last_modified):
                    # A misconfigured cache or mirror: there is no earlier copy this could refer to.
                    raise FetchError(
                        f"{url}: the server answered 304 Not Modified to a request that was not "
                        "conditional (no earlier download of it is held); nothing to reuse"
                    )
                return Fetched(url, True, b"", retrieved, etag, last_modified)
            if response.status_code != 200:
                raise FetchError(f"{url}: HTTP {response.status_code}")
            data = _read_capped(url, response, max_bytes)
            expected = response.headers.get("Content-Length")
            received = response.num_bytes_downloaded  # bytes on the wire, before any decoding
            if expected is not None and expected.isdigit() and int(expected) != received:
                raise FetchError(f"{url}: truncated download: got {received} of {expected} bytes")
            return Fetched(
                url,
                False,
                data,
                retrieved,
                response.headers.get("ETag"),
                response.headers.get("Last-Modified"),
            )
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: download failed: {exc}") from None


def _read_capped(url: str, response: httpx.Response, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > max_bytes:
            raise HostileInputError(f"{url}: download exceeds the size limit of {max_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)
