"""Organisations without a gazetteer entry: ministries, acronyms, country qualifiers."""

from __future__ import annotations

import re

from kg.extract.lexicon import country_aliases, demonyms, ministry_domains
from kg.extract.places import country_of_code
from kg.ids import name_key
from kg.model import Entity, EntityKind

GOVERNMENT_WORDS = {"Ministry", "Department", "Government", "Agency", "Parliament", "Senate",
                    "Congress", "Commission", "Council", "Police", "Court", "Office", "Cabinet",
                    "Administration", "Service", "Committee", "Duma", "Assembly", "Bureau"}
MILITARY_WORDS = {"Army", "Navy", "Forces", "Force", "Military", "Guard", "Marines", "Brigade",
                  "Battalion", "Regiment", "Division", "Corps", "Militia"}
# Words that name an institution without saying whose it is.
GENERIC_WORDS = {"Senate", "Parliament", "Congress", "House", "Government", "Cabinet", "Police",
                 "Army", "Navy", "Air", "Force", "Court", "Supreme", "High", "Constitutional",
                 "Ministry", "Assembly", "National", "Council", "City", "Opposition", "Military",
                 "Coast", "Guard", "Fire", "Service", "Legislature", "of", "Representatives",
                 "Commons", "Lords", "Federal", "State", "Department", "Prosecutor's", "Office"}
_MINISTRY = re.compile(r"^(?:(?P<country>[A-Z][\w.]*) )?(?:(?:Ministry|Department) of "
                       r"(?P<domain1>[\w ]+)|(?P<domain2>[\w ]+) (?:Ministry|Department))$")


def organization_entity(name: str, article_orgs: list[str], scope: str) -> Entity:
    """The organisation `name` denotes, given the other organisation names of the article.

    A name that does not say whose institution it is ("the Senate", "the Ministry of Defense"
    with no country in the article) gets an identity scoped to the article (`scope`): the
    Senate of one article is not asserted to be the Senate of another.
    """
    ministry = _ministry(name)
    if ministry is not None:
        country, domain = ministry
        if country is None:
            country = _unique_country_for(domain, article_orgs)
        return _ministry_entity(country, domain, scope)
    key = name_key("organization", f"{name} {scope}" if _is_generic(name) else name)
    return Entity(key, _kind(name), name, country=_country_key(name))


def _is_generic(name: str) -> bool:
    """An institution named only by what it is: "Senate", "Supreme Court", "Police"."""
    return all(word in GENERIC_WORDS for word in name.split())


def _ministry(name: str) -> tuple[str | None, str] | None:
    match = _MINISTRY.match(name)
    if not match:
        return None
    words = (match["domain1"] or match["domain2"]).split()
    if not words or any(w not in ministry_domains() and w != "and" for w in words):
        return None
    domain = " ".join(ministry_domains().get(w, w) for w in words)
    country = match["country"]
    if country is not None and country not in demonyms():
        return None
    return country, domain


def _unique_country_for(domain: str, article_orgs: list[str]) -> str | None:
    """'Ministry of Defense' alone is the country-qualified one of the article, if just one."""
    countries = {m[0] for m in map(_ministry, article_orgs) if m and m[1] == domain and m[0]}
    codes = {demonyms()[c] for c in countries}
    return min(countries) if len(codes) == 1 else None


def _ministry_entity(country: str | None, domain: str, scope: str) -> Entity:
    code = demonyms().get(country, "") if country else ""
    demonym = _demonym_of(code) if code else ""
    name = f"{demonym} Ministry of {domain}".strip()
    return Entity(name_key("organization", f"{code or scope} Ministry of {domain}"),
                  EntityKind.GOVERNMENT_ORGANIZATION, name, country=_country_code_key(code))


def _demonym_of(code: str) -> str:
    """The adjective of a country code ("RU" -> "Russian"): the first listed wins."""
    return next(w for w, c in demonyms().items() if c == code and w not in country_aliases())


def _kind(name: str) -> EntityKind:
    words = set(name.split())
    if words & MILITARY_WORDS:
        return EntityKind.MILITARY_ORGANIZATION
    if words & GOVERNMENT_WORDS:
        return EntityKind.GOVERNMENT_ORGANIZATION
    return EntityKind.ORGANIZATION


def _country_key(name: str) -> str | None:
    first = name.split()[0]
    return _country_code_key(demonyms()[first]) if first in demonyms() else None


def _country_code_key(code: str) -> str | None:
    country = country_of_code(code) if code else None
    return f"geonames:{country.geonames_id}" if country else None
