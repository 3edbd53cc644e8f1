"""Word lists and small calendar helpers shared by the time-expression modules."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
ORDINALS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "last": 4, "final": 4}

_SMALL = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
NUMBER_WORDS: dict[str, int] = {word: n for n, word in enumerate(_SMALL)}
NUMBER_WORDS.update({word: 20 + 10 * i for i, word in enumerate(_TENS)})
NUMBER_WORDS.update({"a": 1, "an": 1, "one hundred": 100, "a hundred": 100, "a dozen": 12,
                     "dozen": 12})

# Unit name -> (TIMEX3 designator, multiplier, is a time-of-day unit).
UNITS: dict[str, tuple[str, float, bool]] = {
    "second": ("S", 1, True), "minute": ("M", 1, True), "hour": ("H", 1, True),
    "day": ("D", 1, False), "week": ("W", 1, False), "fortnight": ("W", 2, False),
    "month": ("M", 1, False), "quarter": ("M", 3, False), "year": ("Y", 1, False),
    "decade": ("Y", 10, False), "century": ("Y", 100, False),
}
# Time zones written after clock times -> the TIMEX3 offset ("" where the name does not say
# whether summer time applies: "ET").
ZONES = {"gmt": "Z", "utc": "Z", "edt": "-04:00", "est": "-05:00", "cdt": "-05:00",
         "cst": "-06:00", "mdt": "-06:00", "mst": "-07:00", "pdt": "-07:00", "pst": "-08:00",
         "bst": "+01:00", "cet": "+01:00", "cest": "+02:00", "et": "", "pt": ""}
# Words that say "an unknown number of": the value gets an X instead of a number.
VAGUE = ("several", "a few", "few", "many", "some", "a couple of", "couple of", "numerous")


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of `words`, longest first so that "sept" wins over "sep"."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


_COMPOUND = re.compile(rf"^({alternation(_TENS)})[- ]({alternation(_SMALL[1:10])})$")


def number(word: str) -> float | None:
    """The value of "24", "2.5", "3,000", "twenty-four", "a", "two and a half"; None if not a
    number."""
    word = re.sub(r"\s+", " ", word.lower().strip())
    word = re.sub(r"(?<=\d),(?=\d{3})", "", word)  # "3,000"
    half = word.endswith(" and a half")
    word = word.removesuffix(" and a half")
    value: float | None
    if re.fullmatch(r"\d+(\.\d+)?", word):
        value = float(word)
    elif match := _COMPOUND.match(word):
        value = float(NUMBER_WORDS[match[1]] + NUMBER_WORDS[match[2]])
    else:
        value = float(NUMBER_WORDS[word]) if word in NUMBER_WORDS else None
    return value + 0.5 if half and value is not None else value


def unit_of(word: str) -> str:
    """The singular unit name for "days", "centuries", "hour"."""
    word = word.lower()
    return "century" if word.startswith("centur") else word.rstrip("s")


def fmt_number(value: float) -> str:
    """"3" for 3.0 and "2.5" for 2.5, as TIMEX3 durations write them."""
    return str(int(value)) if value == int(value) else f"{value:g}"


def iso_week(day: dt.date) -> str:
    """The TIMEX3 week of `day`: "2024-W26"."""
    year, week, _ = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    """(year, month) moved by `delta` months."""
    index = year * 12 + month - 1 + delta
    return index // 12, index % 12 + 1


def month_value(year: int, month: int) -> str:
    """"2023-03"."""
    return f"{year:04d}-{month:02d}"


# Regex pieces the rules are built from (rules.py). Named groups are read by resolvers.
NUMBER = (rf"(?:\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?"
          rf"|(?:{alternation(_TENS)})[- ](?:{alternation(_SMALL[1:10])})"
          rf"|{alternation(NUMBER_WORDS)})(?:\s+and\s+a\s+half)?")
NUM = rf"(?P<num>{NUMBER})"
VAGUE_NUM = rf"(?P<vague>{alternation(VAGUE)})"
UNIT = (r"(?P<unit>seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?"
        r"|century|centuries)")
MONTH = rf"(?P<month>{alternation(MONTHS)})\.?"
WEEKDAY = rf"(?P<wd>{alternation(WEEKDAYS)})"
DAYNUM = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?P<year>1[6-9]\d\d|20\d\d)(?!\d)"
PART = r"(?P<part>morning|afternoon|evening|night)"
SEASON = r"(?:spring|summer|autumn|winter)"  # and "fall", but only next to a year or "last"
MOD_REQUIRED = (r"(?:early|late|mid|(?:the\s+)?(?:very\s+)?(?:end|beginning|start|middle)\s+of)"
                r"(?:\s+|-)")
MOD = rf"(?:{MOD_REQUIRED})?"  # "early 2009", "mid-2011", "the end of June"
# An approximation is part of the expression ("almost two years"); a bound ("more than", "up
# to", "over") or a focus word ("just") is not: MEANTIME's TIMEX3 spans, which have no `mod`,
# leave bounds out ("for more than [a week]"), and the value is the same with or without them.
APPROX = r"(?:(?:about|around|approximately|nearly|almost|roughly)\s+)?"
ZONE = rf"(?:\s+(?P<tz>{alternation(ZONES)})\b)?"
PREP = r"\b(?:in|since|until|till|by|during|from|through|before|after|between)\s+"
COMMA = r"\s*,?\s+"  # "June 25, 2024", and " , " in tokenised text
