"""Where an HTTP redirect points, read from the bytes of its Location header.

Both downloaders (official lists, news articles) follow redirects themselves, so that each hop
passes their checks, and both read the target here. httpx decodes all of a response's headers with
one guessed encoding, so a Location sent in Latin-1 (the byte E9 for é), or a UTF-8 one beside
another header that is not UTF-8, comes out as text whose UTF-8 escapes name another path.
Escaping the raw bytes one by one is what browsers send.

Both also refuse the same hops (`refused_redirect`): one off http(s), and one from HTTPS down to
plain HTTP, after which what arrives could have been altered in transit with nothing in it to show.
"""

from __future__ import annotations

from urllib.parse import quote, urljoin, urlsplit

import httpx

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Printable ASCII but the space: left as sent (a `%` already escapes what follows it).
_URL_SAFE = "".join(chr(code) for code in range(0x21, 0x7F))


def redirect_target(url: str, response: httpx.Response) -> str | None:
    """The absolute URL the redirect `response` to a request for `url` sends the client to.

    None when the response is no redirect or names no Location (a 3xx without one is then the
    caller's error to report as an HTTP status).
    """
    if response.status_code not in REDIRECT_STATUSES:
        return None
    for name, value in response.headers.raw:
        if name.lower() == b"location" and value.strip():
            return urljoin(url, quote(value.strip(), safe=_URL_SAFE))
    return None


def refused_redirect(current: str, target: str) -> str | None:
    """Why a redirect from `current` to `target` must not be followed, or None when it may be."""
    scheme = urlsplit(target).scheme.lower()
    if scheme not in ("http", "https"):
        return f"redirected from {current} to {target}: only http(s) URLs can be fetched"
    if urlsplit(current).scheme.lower() == "https" and scheme != "https":
        return (
            f"redirected from {current} to {target}, from HTTPS to plain HTTP: refused, "
            "as what arrives could be altered in transit"
        )
    return None
