"""Browser-test fixtures: `proscribe serve` in a subprocess on loopback, and headless Debian chromium.

Every request the page makes is routed through a check that lets only the test server's own URLs
through, so a test fails if the UI ever reaches for a CDN or any other host. Everything lives here (no
helper module), so the tests run the same under any pytest import mode.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, Route, expect, sync_playwright

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# CI machines are small and busy: wait generously for the page instead of failing on a slow moment.
TIMEOUT_MS = 30_000
expect.set_options(timeout=TIMEOUT_MS)
PROSCRIBE = Path(sys.executable).with_name("proscribe")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "lists"


@dataclass(frozen=True)
class Server:
    """The running `proscribe serve`: its base URL and the environment naming its database."""

    url: str
    env: dict[str, str]
    cli: Path = PROSCRIBE

    def token(self, name: str) -> str:
        """A new API token for `name`, made with `proscribe token create` over this server's database."""
        made = subprocess.run(
            [str(self.cli), "token", "create", name], env=self.env, check=True, capture_output=True, text=True
        )
        return made.stdout.split()[0]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(folder: Path, *imports: list[str]) -> Iterator[Server]:
    """`proscribe init`, the `imports` (CLI arguments), then `proscribe serve` over a SQLite file in
    `folder`, until the block ends."""
    env = {**os.environ, "PROSCRIBE_DB_URL": f"sqlite:///{folder / 'registry.db'}"}
    for command in (["init"], *imports):
        subprocess.run([str(PROSCRIBE), *command], env=env, check=True, capture_output=True)
    port = _free_port()
    process = subprocess.Popen(
        [str(PROSCRIBE), "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{base}/api/entities", trust_env=False, timeout=2)
            break
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                error = process.stderr.read() if process.stderr else b""
                raise RuntimeError(f"proscribe serve did not start: {error!r}") from None
            time.sleep(0.1)
    try:
        yield Server(base, env)
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """One server over a fresh registry for the whole session."""
    with serving(tmp_path_factory.mktemp("web")) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Headless Debian chromium; the tests skip when it is not installed."""
    if not CHROMIUM.exists() or shutil.which(str(CHROMIUM)) is None:
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def uk_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over a registry that also holds the hand-written OFSI list of 2020-03-15."""
    ofsi = FIXTURES / "uk" / "conlist_2020-03-15.csv"
    with serving(
        tmp_path_factory.mktemp("web-uk"), ["ingest", "list", "uk-hmt-ofsi-consolidated", str(ofsi)]
    ) as running:
        yield running


# A news text ingested from a file, not a URL: the registry holds it as `urn:sha256:` of its text, an
# identifier no browser can open. Kazakhstan's listing of Hamas is in no bundled source.
UNLINKED_TEXT = (
    "ASTANA, 4 March 2025. Kazakhstan's Supreme Court on 3 March 2025 recognised Hamas as a terrorist "
    "organisation and banned its activity in Kazakhstan.\n"
)


@pytest.fixture(scope="session")
def unlinked_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server over the bundled data plus `UNLINKED_TEXT`, ingested from the file `kz-hamas.txt`."""
    folder = tmp_path_factory.mktemp("web-unlinked")
    article = folder / "kz-hamas.txt"
    article.write_text(UNLINKED_TEXT, encoding="utf-8")
    with serving(folder, ["ingest", "news", str(article), "--published", "2025-03-04"]) as running:
        yield running


@pytest.fixture()
def unlinked_page(browser: Browser, unlinked_server: Server) -> Iterator[Page]:
    """A fresh page on `unlinked_server`, guarded like `page`."""
    with _page(browser, unlinked_server) as tab:
        yield tab


@pytest.fixture()
def page(browser: Browser, server: Server) -> Iterator[Page]:
    """A fresh page; requests to any host but the test server are aborted and make the test fail."""
    with _page(browser, server) as tab:
        yield tab


@pytest.fixture()
def uk_page(browser: Browser, uk_server: Server) -> Iterator[Page]:
    """A fresh page on `uk_server`, guarded like `page`."""
    with _page(browser, uk_server) as tab:
        yield tab


# The UN and OFSI fixtures that leave pairs for an analyst: one UN front against two OFSI groups of
# its name, and five UN individuals against their OFSI records, one per way their dates of birth compare.
PAIRS_TO_REVIEW = (
    ["ingest", "list", "un-sc-consolidated", str(FIXTURES / "un" / "un_2020-01-01.xml")],
    [
        "ingest",
        "list",
        "uk-hmt-ofsi-consolidated",
        str(FIXTURES / "uk-judgements" / "conlist_2020-06-01.csv"),
    ],
    ["ingest", "list", "un-sc-consolidated", str(FIXTURES / "people" / "un_2021-05-01.xml")],
    ["ingest", "list", "uk-hmt-ofsi-consolidated", str(FIXTURES / "people" / "conlist_2021-06-01.csv")],
)


@pytest.fixture()
def pairs_server(tmp_path: Path) -> Iterator[Server]:
    """A server over a registry of its own holding `PAIRS_TO_REVIEW`, for the identity review page."""
    with serving(tmp_path, *PAIRS_TO_REVIEW) as running:
        yield running


@pytest.fixture()
def pairs_page(browser: Browser, pairs_server: Server) -> Iterator[Page]:
    """A fresh page on `pairs_server`, guarded like `page`."""
    with _page(browser, pairs_server) as tab:
        yield tab


@pytest.fixture()
def own_server(tmp_path: Path) -> Iterator[Server]:
    """A server over a registry of its own, for a test that writes to it (the shared one stays as is)."""
    with serving(tmp_path) as running:
        yield running


@pytest.fixture()
def own_page(browser: Browser, own_server: Server) -> Iterator[Page]:
    """A fresh page on `own_server`, guarded like `page`."""
    with _page(browser, own_server) as tab:
        yield tab


@pytest.fixture()
def scriptless_page(browser: Browser, server: Server) -> Iterator[Page]:
    """A fresh page on `server` with JavaScript off, as some readers browse; guarded like `page`."""
    with _page(browser, server, script=False) as tab:
        yield tab


@contextmanager
def _page(browser: Browser, server: Server, script: bool = True) -> Iterator[Page]:
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, base_url=server.url, java_script_enabled=script
    )
    foreign: list[str] = []
    errors: list[str] = []

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith((server.url, "data:", "blob:")):
            route.continue_()
        else:
            foreign.append(url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    tab.set_default_timeout(TIMEOUT_MS)
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert foreign == [], f"the page reached outside the app: {foreign}"
    assert errors == [], f"script errors: {errors}"


def _screenshot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


@pytest.fixture()
def shoot() -> Callable[[Page, str], None]:
    """Save a full-page screenshot as test-artifacts/NAME.png (gitignored), for people to look at."""
    return _screenshot
