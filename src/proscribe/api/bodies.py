"""The base of every JSON request body: text fields that cannot hold a NUL character."""

from __future__ import annotations

from pydantic import BaseModel, field_validator

from proscribe.web.http import NUL


class RequestBody(BaseModel):
    """A JSON body whose strings (alone or in lists) hold no NUL character (U+0000).

    No name, id or reason holds one, and PostgreSQL cannot store or compare text with one, so
    it is refused as the field's validation error (422, naming the field) on every backend.
    """

    @field_validator("*", mode="after")
    @classmethod
    def _without_nul(cls, value: object) -> object:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and NUL in text for text in texts):
            raise ValueError("contains a NUL character (U+0000)")
        return value
