"""The bearer-token check of the write endpoints (a FastAPI dependency over the app's store)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request

from proscribe.api.tokens import verify_token
from proscribe.store import Store


def require_token(request: Request) -> str:
    """Admit only requests with a live bearer token (checked against the app's store); return its name."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    store: Store = request.app.state.store
    name = verify_token(store, token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if name is None:
        raise HTTPException(401, "a valid API token is required: Authorization: Bearer <token>")
    return name


Authorised = Annotated[str, Depends(require_token)]
