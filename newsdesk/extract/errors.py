"""The one error the extract stage raises."""

from __future__ import annotations


class ExtractError(ValueError):
    """A document that holds no article; the message is one line naming the input."""

    def __init__(self, uri: str, reason: str) -> None:
        super().__init__(f"{uri}: {reason}")
        self.uri = uri
        self.reason = reason
