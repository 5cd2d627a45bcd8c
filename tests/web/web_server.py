"""`proscribe serve` in a subprocess on a free loopback port, for the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

PROSCRIBE = Path(sys.executable).with_name("proscribe")


@dataclass(frozen=True)
class Server:
    """The running `proscribe serve`: its base URL and the environment naming its database."""

    url: str
    env: dict[str, str]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def serving(folder: Path) -> Iterator[Server]:
    """`proscribe init` then `proscribe serve` over a SQLite file in `folder`, until the block ends."""
    env = {**os.environ, "PROSCRIBE_DB_URL": f"sqlite:///{folder / 'registry.db'}"}
    subprocess.run([str(PROSCRIBE), "init"], env=env, check=True, capture_output=True)
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
