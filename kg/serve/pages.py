"""HTML pages, from jinja2 templates with autoescaping on: article text is untrusted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from werkzeug.wrappers import Response

# Loaded beside this file, so that an editable install and a wheel both find them.
TEMPLATES = Path(__file__).resolve().parent / "templates"
# Pages have no scripts at all; styles are inline. Even a missed escape could not run code.
_POLICY = ("default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
           "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")

_environment = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                           undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render(template: str, code: int = 200, **context: Any) -> Response:
    """The page `template` filled with `context`, as an HTML response with status `code`
    (`context` may hold a `status` of its own: the error page shows it)."""
    context.setdefault("search_text", "")
    context.setdefault("has_dumps", False)
    html = _environment.get_template(template).render(**context)
    response = Response(html, status=code, content_type="text/html; charset=utf-8")
    response.headers["Content-Security-Policy"] = _POLICY
    return response
