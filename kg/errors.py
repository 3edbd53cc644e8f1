"""One error hierarchy: what went wrong, on which input, and what to try next.

The library raises these and never prints or exits; kg/cli.py maps them to exit codes.
"""

from __future__ import annotations


class ExitCode:
    """Documented exit codes of the `kg` command (README, "Exit codes")."""

    OK = 0
    FAILED = 1  # a fatal error: configuration, store, query
    USAGE = 2  # click's own code for a bad command line
    PARTIAL = 3  # the run finished, but some articles were rejected or invalid


class KgError(Exception):
    """Base class: a message that names the input, and a hint for the next step."""

    code = "KG000"

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

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
