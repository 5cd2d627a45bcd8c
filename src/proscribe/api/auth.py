"""The bearer-token check of the write endpoints (a FastAPI dependency over the app's store).

The `HTTPBearer` scheme (with our own 401) declares the requirement in the OpenAPI document, so
clients generated from it send `Authorization: Bearer <token>`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from proscribe.api.tokens import verify_token
from proscribe.store import Store

bearer = HTTPBearer(auto_error=False, description="A token made with `proscribe token create NAME`")


def require_token(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> str:
    """Admit only requests with a live bearer token (checked against the app's store); return its name."""
    store: Store = request.app.state.store
    name = verify_token(store, credentials.credentials.strip()) if credentials else None
    if name is None:
        raise HTTPException(401, "a valid API token is required: Authorization: Bearer <token>")
    return name


Authorised = Annotated[str, Depends(require_token)]
