"""Static assets (CSS, JavaScript) served by the app itself, cacheable for a year.

Pages link them as `/static/NAME?v=HASH` (see `render.static_url`), so a changed file gets a new URL
and a browser may keep any version it has for as long as it likes.
"""

from __future__ import annotations

import os

from starlette.responses import Response
from starlette.staticfiles import PathLike, StaticFiles
from starlette.types import Scope

from proscribe.web.render import STATIC

IMMUTABLE = "public, max-age=31536000, immutable"


class Assets(StaticFiles):
    """StaticFiles over the package's static folder, adding a long-lived Cache-Control."""

    def __init__(self) -> None:
        super().__init__(directory=STATIC)

    def file_response(
        self, full_path: PathLike, stat_result: os.stat_result, scope: Scope, status_code: int = 200
    ) -> Response:
        """The file (or 304), marked cacheable for a year."""
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = IMMUTABLE
        return response
