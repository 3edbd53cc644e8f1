"""Quotations: quotes in marks, the seed's attribution lines, reported speech, with speakers and
dates, on the seed article (real model) and on invented news."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest

from kg.extract.statements.marks import marked_quotes
from kg.model import Annotations, Article, Quotation
from kg.pipeline import ArticleProcessor

RYDER, PESKOV = "person:patrick-ryder", "person:dmitry-peskov"
RU_MOD, PENTAGON = "organization:ru-ministry-of-defense", "organization:us-department-of-defense"


@pytest.fixture(scope="module")
def seed(processor: ArticleProcessor, seed_article: Article) -> Annotations:
    return processor.extractor.extract(seed_article)


def extract(processor: ArticleProcessor, *paragraphs: str) -> Annotations:
    """The annotations of an invented article with these paragraphs."""
    article = Article("Invented news for a test", dt.date(2024, 3, 5), "\n\n".join(paragraphs))
    return processor.extractor.extract(article)


def starting(quotations: tuple[Quotation, ...], words: str) -> Quotation:
    (found,) = [q for q in quotations if q.span.text.startswith(words)]
    return found


def speaker_of(annotations: Annotations, quotation: Quotation) -> str | None:
    names = {e.key: e.name for e in annotations.entities}
    return names.get(quotation.speaker) if quotation.speaker else None


# --- the seed article ---------------------------------------------------------------------------

def test_attribution_lines_give_the_quotes_of_ryder_peskov_and_the_ministry(
        seed: Annotations) -> None:
    cues = ("secretary", "representative", "Defense")
    lines = {q.span.text.split()[0] + " " + q.span.text.split()[1]: q for q in seed.quotations
             if q.cue is not None and q.cue.text.endswith(cues)}
    assert {k: q.speaker for k, q in lines.items()} == {
        "Austin also": RYDER, "We believe": RYDER, "Of course,": PESKOV, "Belousov pointed": RU_MOD}
    # the spans stop before the attribution line
    assert lines["Austin also"].span.text.endswith("in Ukraine")
    assert lines["We believe"].span.text.endswith("injuring civilians")
    assert lines["Of course,"].span.text.endswith("time will tell")
    assert lines["Belousov pointed"].span.text.endswith("Armed Forces of Ukraine")
    assert all(q.direct for q in lines.values())


def test_quote_in_marks_is_the_ministrys_by_the_department(seed: Annotations) -> None:
    quote = starting(seed.quotations, "exchanged views on the situation around Ukraine")
    assert quote.direct and quote.speaker == RU_MOD
    assert quote.cue is not None and quote.cue.text == "According to the department"


@pytest.mark.parametrize(("words", "speaker", "cue"), [
    ("the parties discussed the conflict", RYDER, "According to him"),
    ("until today, the last conversation", RYDER, "noted"),
    ("the conversation between Austin and Belousov", RYDER, "clarified"),
    ("US authorities would talk", RYDER, "said"),
    ("the United States is guaranteed", PESKOV, "promised"),
    ("the beach in Sevastopol was not the target", PENTAGON, "announced"),
    ("Ukraine itself decides where to strike", PENTAGON, "emphasized"),
])
def test_reported_speech_has_its_speaker(seed: Annotations, words: str, speaker: str,
                                         cue: str) -> None:
    quote = starting(seed.quotations, words)
    assert not quote.direct
    assert quote.speaker == speaker
    assert quote.cue is not None and quote.cue.text == cue


def test_unnamed_source_keeps_its_quotation_without_a_speaker(seed: Annotations) -> None:
    quote = starting(seed.quotations, "the country is aware of the Ukrainian attack")
    assert quote.speaker is None and not quote.direct


def test_statement_dates(seed: Annotations) -> None:
    # "On June 25"
    assert starting(seed.quotations, "US authorities would talk").date == "2024-06-25"
    # "The next day"
    assert starting(seed.quotations, "the beach in Sevastopol").date == "2024-06-26"
    # no date of its own: Ryder's earlier "said this on Tuesday, June 25"
    assert starting(seed.quotations, "Austin also spoke by phone today").date == "2024-06-25"
    assert starting(seed.quotations, "Of course, the direct involvement").date is None


def test_quotations_are_keyed_ordered_exact_and_never_overlap(seed: Annotations) -> None:
    quotations = seed.quotations
    assert [q.key for q in quotations] == [f"quote:{q.span.begin}" for q in quotations]
    assert [q.span.begin for q in quotations] == sorted(q.span.begin for q in quotations)
    assert all(seed.article.text[q.span.begin:q.span.end] == q.span.text for q in quotations)
    assert all(a.span.end <= b.span.begin for a, b in pairwise(quotations))


def test_headline_and_plain_paragraphs_are_not_quotations(seed: Annotations) -> None:
    texts = [q.span.text for q in seed.quotations]
    openings = ("Ministry of Defense", "Previously, Russia", "Belousov pointed out to")
    assert not any(t.startswith(openings) for t in texts)


# --- invented news ------------------------------------------------------------------------------

def test_quote_that_never_closes_runs_to_the_end_of_its_paragraph(
        processor: ArticleProcessor) -> None:
    found = extract(processor, 'Mayor Laura Jensen said: "We will rebuild every house on this '
                               'street, and we will do it before the winter comes',
                    "The council meets on Friday.")
    quote = starting(found.quotations, "We will rebuild every house")
    assert quote.span.text.endswith("before the winter comes")
    assert speaker_of(found, quote) == "Laura Jensen"


def test_quote_without_a_findable_speaker_is_kept(processor: ArticleProcessor) -> None:
    found = extract(processor, "Heavy rain flooded the lower town overnight.",
                    '"Nobody expected the water to rise this fast in the middle of the night."')
    quote = starting(found.quotations, "Nobody expected the water")
    assert quote.direct and quote.speaker is None


def test_she_said_goes_to_the_nearest_person(processor: ArticleProcessor) -> None:
    found = extract(processor, "Maria Lopez visited the flooded district on Tuesday. "
                               '"The damage is worse than we feared," she said.')
    quote = starting(found.quotations, "The damage is worse")
    assert speaker_of(found, quote) == "Maria Lopez"
    assert quote.date is None  # "on Tuesday" dates her visit, not what she said


def test_a_title_renamed_by_an_apposition_is_that_person(processor: ArticleProcessor) -> None:
    found = extract(processor, "Chancellor Maria Lopez's spokesperson, Tomas Berg, said it is "
                               'possible "that the talks will resume next week."')
    quote = starting(found.quotations, "that the talks will resume")
    assert speaker_of(found, quote) == "Tomas Berg"  # not Maria Lopez, whose spokesperson


def test_he_skips_a_subject_inside_reported_speech(processor: ArticleProcessor) -> None:
    found = extract(processor, "John Carter said that Thomas Baker had resigned from the board. "
                               "He added that the company would appoint a successor in May.")
    quote = starting(found.quotations, "the company would appoint")
    assert speaker_of(found, quote) == "John Carter"


def test_the_company_goes_to_the_nearest_company(processor: ArticleProcessor) -> None:
    found = extract(processor, "Microsoft opened a new data centre in Ireland on Monday.",
                    "The company said that it would hire 300 engineers next year.")
    quote = starting(found.quotations, "it would hire 300 engineers")
    assert speaker_of(found, quote) == "Microsoft"


def test_nested_quotes_belong_to_the_outer_quote(processor: ArticleProcessor) -> None:
    found = extract(processor, "Prime Minister Elena Novak rejected the proposal. "
                               "“Our answer to their ‘final offer’ is no, and it will stay no,” "
                               "Novak said.")
    quote = starting(found.quotations, "Our answer to their ‘final offer’ is no")
    assert speaker_of(found, quote) == "Elena Novak"
    assert not any(q.span.text.startswith("final offer") for q in found.quotations)


def test_scare_quotes_and_titles_are_not_quotations(processor: ArticleProcessor) -> None:
    found = extract(processor, 'Critics called the new stadium an "eyesore" on Monday.',
                    'The festival opened with the film "Winter Of The Long Roads".')
    assert found.quotations == ()


def test_quote_marks_pair_and_apostrophes_do_not_close() -> None:
    text = "“Ukraine’s army won’t retreat,” he said. ‘Yes’ and «non» and \"open"
    quotes = [(text[m.begin:m.end], m.closed) for m in marked_quotes(text)]
    assert quotes == [("Ukraine’s army won’t retreat,", True), ("Yes", True), ("non", True),
                      ("open", False)]
