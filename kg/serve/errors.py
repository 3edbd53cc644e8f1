"""HTTP problems: a status, a message naming the input and the reason, and a hint."""

from __future__ import annotations


class HttpProblem(Exception):
    """Answered as `status` with the message (plain text, or a page for browsers)."""

    def __init__(self, status: int, message: str, hint: str = "",
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.hint = hint
        self.headers = headers or {}

    def text(self) -> str:
        """The message and hint as plain text."""
        return f"{self.message}\nhint: {self.hint}\n" if self.hint else f"{self.message}\n"
