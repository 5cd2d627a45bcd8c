"""The base of every JSON request body: known fields only, text that cannot hold a NUL character."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, field_validator

from proscribe.web.http import NUL


class RequestBody(BaseModel):
    """A JSON body whose strings (alone or in lists) hold no NUL character (U+0000).

    No name, id or reason holds one, and PostgreSQL cannot store or compare text with one, so
    it is refused as the field's validation error (422, naming the field) on every backend. A field
    the body does not take is refused the same way: a misspelt `as_of` (`asOf`) ignored would turn
    an audit of what was known then into an answer as known now.
    """

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _without_nul(cls, value: object) -> object:
        texts = value if isinstance(value, list) else [value]
        if any(isinstance(text, str) and NUL in text for text in texts):
            raise ValueError("contains a NUL character (U+0000)")
        return value
