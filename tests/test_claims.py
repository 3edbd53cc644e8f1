"""Claims: attributed statements with author, content, date and what they are about, on the seed
article (real model) and on invented news."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.model import Annotations, Article, Claim
from kg.pipeline import ArticleProcessor

RUSSIA, SEVASTOPOL = "geonames:2017370", "geonames:694423"
RU_FOREIGN = "organization:ru-ministry-of-foreign-affairs"
PENTAGON, RYDER = "organization:us-department-of-defense", "person:patrick-ryder"


@pytest.fixture(scope="module")
def seed(processor: ArticleProcessor, seed_article: Article) -> Annotations:
    return processor.extractor.extract(seed_article)


def extract(processor: ArticleProcessor, *paragraphs: str) -> Annotations:
    article = Article("Invented news for a test", dt.date(2024, 3, 5), "\n\n".join(paragraphs))
    return processor.extractor.extract(article)


def containing(claims: tuple[Claim, ...], words: str) -> Claim:
    (found,) = [c for c in claims if words in c.span.text]
    return found


def names(annotations: Annotations, keys: tuple[str, ...] | str | None) -> set[str]:
    by_key = {e.key: e.name for e in annotations.entities}
    keys = (keys,) if isinstance(keys, str) else keys or ()
    return {by_key[k] for k in keys if k in by_key}


# --- the seed article ---------------------------------------------------------------------------

def test_russia_accuses_the_united_states(seed: Annotations) -> None:
    claim = containing(seed.claims, "the United States of shelling Sevastopol")
    assert claim.author == RUSSIA
    assert {"United States", "Sevastopol"} <= names(seed, claim.about)
    assert claim.sentence.text == ("Previously, Russia accused the United States of shelling "
                                   "Sevastopol")


def test_russian_side_says_the_united_states_supplied_the_missiles(seed: Annotations) -> None:
    claim = containing(seed.claims, "it was the United States that transferred ATACMS missiles")
    assert claim.author in {RUSSIA, RU_FOREIGN}
    assert {"United States", "ATACMS"} <= names(seed, claim.about)


def test_pentagon_says_the_beach_was_not_the_target_the_next_day(seed: Annotations) -> None:
    claim = containing(seed.claims, "the beach in Sevastopol was not the target")
    assert claim.author == PENTAGON
    assert claim.date == "2024-06-26"
    assert SEVASTOPOL in claim.about
    assert claim.cue is not None and claim.cue.text == "announced"


def test_we_inside_a_quote_is_the_quoted_speaker(seed: Annotations) -> None:
    claim = containing(seed.claims, "a Russian anti-aircraft missile intercepted a Ukrainian "
                                    "missile")
    assert claim.author == RYDER
    assert "Patrick Ryder" not in claim.span.text  # cut at the end of the quotation


def test_contradicting_claims_about_the_strike_both_stand(seed: Annotations) -> None:
    about_sevastopol = [c for c in seed.claims if SEVASTOPOL in c.about]
    assert {RUSSIA, PENTAGON} <= {c.author for c in about_sevastopol}


def test_claims_are_about_events_triggered_in_their_sentence(seed: Annotations) -> None:
    events = {e.key: e for e in seed.events}
    entities = {e.key for e in seed.entities}
    for claim in seed.claims:
        assert all(k in events or k in entities for k in claim.about)
        for key in (k for k in claim.about if k in events):
            assert any(claim.sentence.begin <= m.trigger.begin < claim.sentence.end
                       for m in events[key].mentions)


def test_promises_are_not_claims_and_claims_are_keyed_in_order(seed: Annotations) -> None:
    assert not any("guaranteed to have to answer" in c.span.text for c in seed.claims)
    keys = [c.key for c in seed.claims]
    assert keys == [f"claim:{c.span.begin}" for c in seed.claims] and len(set(keys)) == len(keys)
    assert [c.span.begin for c in seed.claims] == sorted(c.span.begin for c in seed.claims)
    assert all(seed.article.text[c.span.begin:c.span.end] == c.span.text for c in seed.claims)


def test_unnamed_source_makes_a_claim_without_author(seed: Annotations) -> None:
    assert containing(seed.claims, "the country is aware of the Ukrainian attack").author is None


# --- invented news ------------------------------------------------------------------------------

def test_claim_and_denial_by_two_authors_about_the_same_thing(processor: ArticleProcessor) -> None:
    found = extract(processor, "Russia accused Ukraine of shelling Kharkiv on Monday.",
                    "Ukraine denied that its forces had fired at Kharkiv.")
    accusation = containing(found.claims, "Ukraine of shelling Kharkiv")
    denial = containing(found.claims, "denied that its forces had fired at Kharkiv")
    assert names(found, accusation.author) == {"Russia"}
    assert names(found, denial.author) == {"Ukraine"}
    assert "Kharkiv" in names(found, accusation.about) & names(found, denial.about)


def test_a_noun_named_by_its_apposition_is_the_author(processor: ArticleProcessor) -> None:
    found = extract(processor, "A local broadcaster, Radio Tarn, claims police sources have "
                               "ascribed the fire to arson.")
    claim = containing(found.claims, "ascribed the fire to arson")
    assert names(found, claim.author) == {"Radio Tarn"}


def test_a_clause_across_a_semicolon_is_not_what_the_verb_reports(
        processor: ArticleProcessor) -> None:
    found = extract(processor, "Some members of the local council have been critical; mayor "
                               "Tomas Berg on Tuesday suggested a broader inquiry may be required.")
    (claim,) = found.claims
    assert claim.span.text == "a broader inquiry may be required"
    assert names(found, claim.author) == {"Tomas Berg"}


def test_questions_and_anonymous_data_are_not_claims(processor: ArticleProcessor) -> None:
    found = extract(processor, "A reporter asked whether the factory would close.",
                    "According to official data, the river rose by two metres.")
    assert found.claims == ()


def test_a_claim_made_on_a_day_carries_that_date(processor: ArticleProcessor) -> None:
    found = extract(processor, "On Monday, the Ministry of Health of Brazil announced that the "
                               "outbreak was under control.")
    claim = containing(found.claims, "the outbreak was under control")
    assert claim.date == "2024-03-04"
    assert claim.author is not None
