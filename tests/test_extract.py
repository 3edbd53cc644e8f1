"""Entity extraction on invented news, with the real model: the rules that generalise."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.ids import Ids
from kg.model import Annotations, Article, Entity, EntityKind
from kg.pipeline import ArticleProcessor


def extract(processor: ArticleProcessor, headline: str, body: str,
            day: dt.date = dt.date(2025, 3, 14)) -> Annotations:
    return processor.extractor.extract(Article(headline, day, body))


def named(annotations: Annotations, name: str) -> Entity:
    found = [e for e in annotations.entities if name == e.name or name in e.alternate_names]
    assert len(found) == 1, (name, annotations.entities)
    return found[0]


def test_generic_institutions_are_not_merged_across_articles(processor: ArticleProcessor) -> None:
    ids = Ids("https://example.org/")
    liberia = extract(processor, "Liberian vote", "The Senate of Liberia met. The Senate voted "
                      "on Tuesday, and the European Union welcomed the result.")
    chile = extract(processor, "Chilean vote", "In Chile, the Senate rejected the bill. The "
                    "European Union said it was disappointed.")
    assert ids.entity(named(liberia, "Senate")) != ids.entity(named(chile, "Senate"))
    assert (ids.entity(named(liberia, "European Union"))
            == ids.entity(named(chile, "European Union")))


def test_acronym_defined_in_parentheses(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Strike ends", "The Harbour Pilots Guild (HPG) ended its "
                          "strike on Monday.\n\nThe HPG said its members would return to work.")
    guild = named(annotations, "HPG")
    assert guild.name == "Harbour Pilots Guild"
    mentions = [m for m in annotations.mentions if m.entity == guild.key]
    # A mention includes the article of the name it heads ("The HPG"); the name does not.
    assert [m.text for m in mentions] == ["The Harbour Pilots Guild", "HPG", "The HPG"]


def test_storm_names_are_not_people(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Storm nears coast", "Hurricane Odalys strengthened on "
                          "Sunday. Odalys is expected to reach the coast of Mexico on Tuesday.")
    assert not [e for e in annotations.entities if e.kind is EntityKind.PERSON]


def test_uppercase_dateline_links_to_geonames(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Talks resume", "JAKARTA, March 14 - Talks between the "
                          "two governments resumed in Jakarta on Friday.")
    assert named(annotations, "Jakarta").geonames_id == 1642911


@pytest.mark.parametrize("text, title, country", [
    ("Finance Minister Ana Duarte said on Monday that taxes would rise.", "Finance Minister", None),
    ("Brazilian Trade Minister Helena Arruda signed the deal.", "Trade Minister", "Brazil"),
    # an apposition of any words the parse puts on a position noun
    ("The rebels met on Monday with Maria Lopez, a US peace envoy, in Qatar.", "peace envoy",
     "United States"),
    ("Ana Duarte, who served as Foreign Secretary, resigned.", "Foreign Secretary", None),
    ("Regional health administrator Ana Duarte resigned.", "administrator", None),
])
def test_positions_split_from_names(processor: ArticleProcessor, text: str, title: str,
                                    country: str | None) -> None:
    annotations = extract(processor, "Ministers speak", text)
    (position,) = annotations.positions
    assert position.title == title
    holder = next(e for e in annotations.entities if e.key == position.holder)
    assert holder.kind is EntityKind.PERSON and title not in holder.name
    countries = {e.key: e.name for e in annotations.entities}
    assert (countries.get(position.country) if position.country else None) == country


def test_product_lines_after_their_maker_and_alone(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Carrier orders jets and phones", "Nordwind Air ordered "
                          "six Airbus A350s and two Boeing 777-300ER jets on Friday, and gave "
                          "its crews the new iPhone 15. The A350 will fly from May. The airline "
                          "has 737 employees.")
    kinds = {e.key: e.kind for e in annotations.entities}
    products = {m.text for m in annotations.mentions if kinds[m.entity] is EntityKind.PRODUCT}
    assert {"Airbus A350s", "Boeing 777-300ER", "iPhone 15", "The A350"} <= products
    assert not [m for m in annotations.mentions if m.text.startswith("737")]  # a number alone


def test_determiner_belongs_to_the_mention_not_to_the_name(processor: ArticleProcessor) -> None:
    annotations = extract(processor, "Talks in Geneva", "The talks between the United States "
                          "and the European Union ended on Friday in the Swiss city of Geneva.")
    union = named(annotations, "European Union")
    assert union.name == "European Union"
    assert "the European Union" in {m.text for m in annotations.mentions}
