"""One error hierarchy: what went wrong, on which input, and what to try next.

The library raises these and never prints or exits. A hint speaks of settings by their names
("the store setting"), as a library caller sets them; the CLI (kg.commands) adds the flags that
set them and maps errors to its exit codes.
"""

from __future__ import annotations


class KgError(Exception):
    """Base class: a message that names the input, and a hint for the next step."""

    code = "KG000"

    def __init__(self, message: str, hint: str = "", settings: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.settings = settings  # the settings the hint speaks of (Settings fields, options)

    def __str__(self) -> str:
        text = f"[{self.code}] {self.message}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class InputError(KgError):
    """An input record is unusable (the batch goes on without it)."""

    code = "KG100"


class ConfigError(KgError):
    """Settings, model or shapes cannot be loaded."""

    code = "KG200"


class StoreError(KgError):
    """The store cannot be opened, read or written."""

    code = "KG300"


class QueryError(KgError):
    """A SPARQL query is malformed or cannot run."""

    code = "KG400"


class EndpointError(KgError):
    """A SPARQL endpoint cannot be used at all: unreachable, refuses us, or is not one."""

    code = "KG500"


class RequestRefused(KgError):
    """One request to an endpoint failed for good (a 4xx, or a 5xx or garbage after every
    retry)."""

    code = "KG510"
