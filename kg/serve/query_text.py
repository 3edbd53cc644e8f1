"""What a query's text says before it runs, read as SPARQL's lexer reads it: the remote
endpoints its SERVICE clauses would make the server call, and how deeply it nests.

Oxigraph evaluates `SERVICE <url> { ... }` by sending the pattern to `url` from the server: a
query could make `kg serve` fetch any address it can reach (server-side request forgery). So
federated queries are refused unless their endpoints are allowed. The query is read as SPARQL's
lexer would (comments, strings and IRIs skipped), so "SERVICE" inside a literal, an IRI or a
prefixed name is not a clause, and a target given by a prefixed name is expanded.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# One token at a time; only the kinds that matter here are told apart. Strings: long ones
# ("""...""", '''...''') first, then short ones on one line.
_LONG = [r'"""(?:[^"\\]|\\.|"(?!""))*"""', r"'''(?:[^'\\]|\\.|'(?!''))*'''"]
_SHORT = [r'"(?:[^"\\\n]|\\.)*"', r"'(?:[^'\\\n]|\\.)*'"]
_TOKENS = re.compile("|".join([
    r"(?P<comment>#[^\n]*)",
    f"(?P<string>{'|'.join(_LONG + _SHORT)})",
    r"(?P<iri><[^<>\"{}|^`\\\x00-\x20]*>)",
    r"(?P<variable>[?$]\w+)",
    r"(?P<name>(?:[A-Za-z][\w.-]*)?:[\w.:%-]*|[A-Za-z_]\w*)",
    r"(?P<other>\S)"]), re.DOTALL)

ANY = "variable endpoint"  # what a SERVICE ?var target is reported as
_OPEN, _CLOSE = "({[", ")}]"


def nesting_depth(query: str) -> int:
    """The deepest nesting of brackets, parentheses and braces outside strings, IRIs and
    comments. (Oxigraph's parser recurses per level: about 5,000 overflow a worker's stack.)"""
    depth = deepest = 0
    for kind, text in _tokens(query):
        if kind == "other" and text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "other" and text in _CLOSE:
            depth -= 1
    return deepest


def _tokens(query: str) -> list[tuple[str, str]]:
    return [(m.lastgroup, m.group()) for m in _TOKENS.finditer(query)
            if m.lastgroup not in ("comment", None)]


def service_targets(query: str, prefixes: Mapping[str, str]) -> list[str]:
    """The endpoint IRIs of the query's SERVICE clauses (ANY for a variable), in order.
    `prefixes` are the predeclared ones; the query's own PREFIX lines override them."""
    declared = dict(prefixes)
    tokens = _tokens(query)
    found = []
    for at, (kind, text) in enumerate(tokens):
        if kind != "name":
            continue
        word = text.upper()
        if word == "PREFIX" and at + 2 < len(tokens) and tokens[at + 2][0] == "iri":
            declared[tokens[at + 1][1].rstrip(":")] = tokens[at + 2][1][1:-1]
        elif word == "SERVICE":
            found.append(_target(tokens[at + 1:at + 3], declared))
    return found


def _target(following: list[tuple[str, str]], prefixes: Mapping[str, str]) -> str:
    if following and following[0][1].upper() == "SILENT":
        following = following[1:]
    if not following:
        return ANY
    kind, text = following[0]
    if kind == "iri":
        return text[1:-1]
    if kind == "name" and ":" in text:
        prefix, _, local = text.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else text
    return ANY
