"""`proscribe serve` (the API and web UI under uvicorn) and `proscribe token create|list|revoke`."""

from __future__ import annotations

import os

import click

from proscribe.api.tokens import create_token, list_tokens, revoke_token
from proscribe.cli.registry import store_from
from proscribe.cli.render import emit, output_format
from proscribe.store import open_store


def register(main: click.Group) -> None:
    """Add `serve` and the `token` group to the main command."""
    main.add_command(serve)
    main.add_command(token)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="TCP port.")
@click.option(
    "--db", "db_url", default=None, help="Database URL (default: the group's --db / PROSCRIBE_DB_URL)."
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, db_url: str | None, workers: int) -> None:
    """Serve the JSON API, the feeds and the web UI over HTTP."""
    import uvicorn

    store = store_from(ctx) if db_url is None else open_store(db_url)
    store.require_initialised()
    os.environ["PROSCRIBE_DB_URL"] = store.url  # each worker re-opens the same database
    uvicorn.run("proscribe.api.asgi:app_from_env", factory=True, host=host, port=port, workers=workers)


@click.group()
def token() -> None:
    """API tokens for the write endpoints (stored hashed; a secret is shown once)."""


@token.command("create")
@click.argument("name")
@click.pass_context
def token_create(ctx: click.Context, name: str) -> None:
    """Create a token NAME and print its secret (it cannot be shown again)."""
    info, secret = create_token(store_from(ctx), name)
    click.echo(f"{secret}\n(token {info.id} {info.name!r}; keep the secret: only its hash is stored)")


@token.command("list")
@output_format
@click.pass_context
def token_list(ctx: click.Context, fmt: str) -> None:
    """List tokens (ids, names, creation and revocation times; never secrets)."""
    data = {"tokens": [t.as_dict() for t in list_tokens(store_from(ctx))]}
    emit(data, fmt, lambda d: list(d["tokens"]), ("id", "name", "created_at", "revoked_at"))


@token.command("revoke")
@click.argument("ident")
@click.pass_context
def token_revoke(ctx: click.Context, ident: str) -> None:
    """Revoke the token with this id or name."""
    count = revoke_token(store_from(ctx), ident)
    click.echo(f"revoked {count} token(s)")
