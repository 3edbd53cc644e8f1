"""The grammar of time expressions: one rule per form, each a regex and a resolver.

A rule's `pattern` must match a whole span; its `finds` say where to look for it in running
text (group "t", when present, is the span: "in March" finds "March"). A rule without finds
is only taken from the model's candidates (a bare "March" or "2019" is too ambiguous alone).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from kg.extract.timex import dates as d
from kg.extract.timex import times as t
from kg.extract.timex.calendar import Context
from kg.extract.timex.dates import Groups, Result
from kg.extract.timex.words import (
    APPROX,
    COMMA,
    DAYNUM,
    MOD,
    MOD_REQUIRED,
    MONTH,
    MONTHS,
    NUM,
    PART,
    PREP,
    SEASON,
    UNIT,
    VAGUE_NUM,
    WEEKDAY,
    WEEKDAYS,
    YEAR,
    ZONE,
    alternation,
)

Resolver = Callable[[Groups, Context], Result | None]
ANY = "(?P<t>{p})"  # a find that takes every match of the pattern
# Finds start at the start of a word: failing fast inside words makes a search ~4x faster.
_START = r"(?<![\w'’-])(?=[\w'’])"


@dataclass(frozen=True)
class Rule:
    """One form of time expression."""

    name: str
    pattern: re.Pattern[str]
    resolve: Resolver
    finds: tuple[re.Pattern[str], ...] = ()
    cues: tuple[str, ...] = ()  # a text without any of these (lower case) has no match to find
    lower_only: bool = False  # found in running text only in lower case ("daily", not "Daily")


def rule(name: str, pattern: str, resolve: Resolver, *finds: str, cues: str = "",
         lower: bool = False) -> Rule:
    """A Rule from regex source; "{p}" in a find stands for the pattern, `cues` is "a|b"."""
    compiled = tuple(re.compile(("" if f.startswith("(?<=") else _START)
                                + f.replace("{p}", pattern), re.IGNORECASE) for f in finds)
    return Rule(name, re.compile(pattern, re.IGNORECASE), resolve, compiled,
                tuple(cues.split("|")) if cues else (), lower)


def _ref(kind: str) -> Resolver:
    return lambda g, ctx: t.reference(kind)


_DAYS = alternation(WEEKDAYS)
_NAMES = f"{alternation(MONTHS)}|{_DAYS}|spring|summer|autumn|fall|winter"
_CLOCK = ":|am|pm|a.m|p.m|utc|gmt"
# "12 consecutive months", "two full years", "six more weeks": one stretch of units.
_RUN = r"(?:(?:consecutive|straight|successive|full|whole|more|additional)\s+)?"
_UNITS = r"(?P<units>seconds|minutes|hours|days|weeks|months|years|decades|centuries)"

# Order matters only where two patterns match the same whole span: the first wins.
RULES: tuple[Rule, ...] = (
    rule("iso", rf"{MOD}(?P<y>\d{{4}})-(?P<m>[01]\d)-(?P<d>[0-3]\d)", d.iso_date, ANY),
    rule("month-day", rf"{MOD}(?:{WEEKDAY}\s*,?\s+)?(?:the\s+)?{MONTH}\s+{DAYNUM}"
         rf"(?:{COMMA}{YEAR})?", d.full_date, ANY),
    rule("day-month", rf"{MOD}(?:{WEEKDAY}\s*,?\s+)?(?:the\s+)?{DAYNUM}\s+(?:of\s+)?{MONTH}"
         rf"(?:{COMMA}{YEAR})?", d.full_date, ANY),
    rule("month-year", rf"{MOD}{MONTH}(?:{COMMA}(?:of\s+)?{YEAR}|\s+(?:of\s+)?"
         r"(?P<rel>this|last|next)\s+year)", d.month_year, ANY),
    rule("month", rf"{MOD}{MONTH}", d.month, PREP + ANY, f"(?P<t>{MOD_REQUIRED}{MONTH})"),
    rule("year", rf"{MOD}{YEAR}", d.year, PREP + ANY, f"(?P<t>{MOD_REQUIRED}{YEAR})",
         r"(?<=\d{4})\s+(?:to|and|or|through|until)\s+" + ANY),  # "from 2009 to 2011"
    rule("period-part", r"(?:early|late|earlier|later|(?:the\s+)?(?:very\s+)?(?:end|beginning"
         r"|start|middle)\s+of)\s+(?:the|(?P<rel>this|last|next))\s+(?P<what>week|month|year)",
         d.period_part, ANY),
    rule("decade", rf"(?:the\s+)?{MOD}(?:(?P<dec>1[6-9]\d|20\d)0|['’](?P<short>\d)0)['’]?s",
         d.decade, ANY, cues="0s|0's|0’s"),
    rule("century", rf"(?:the\s+)?{MOD}(?P<cent>1?\d|2[01])(?:st|nd|rd|th)\s+century",
         d.century, ANY, cues="century"),
    rule("season", rf"(?:(?P<rel>this|last|next|coming)\s+|the\s+)?{MOD}"
         rf"(?P<season>{SEASON}|fall)(?:\s+(?:of\s+)?{YEAR})?", d.season,
         rf"(?P<t>(?:this|last|next|coming)\s+(?:{SEASON}|fall))",
         rf"(?P<t>(?:the\s+)?(?:{SEASON}|fall)\s+(?:of\s+)?\d{{4}})",
         rf"\b(?:in|during|over|since|until|by)\s+(?P<t>(?:the\s+)?{SEASON})",
         cues="spring|summer|autumn|fall|winter"),
    rule("quarter", r"(?:the\s+)?(?:(?P<ord>first|second|third|fourth|final|1st|2nd|3rd|4th)"
         r"\s+quarter|Q(?P<q>[1-4]))(?:\s+(?:of\s+)?(?:(?P<rel>this|last|next)\s+year"
         rf"|the\s+year|{YEAR}))?", d.quarter, ANY, cues="quarter|q1|q2|q3|q4"),
    # Only with its year: a bare "the second half" is as often a match's as a year's.
    rule("half", r"(?:the\s+)?(?P<ord>first|second|1st|2nd|latter)\s+half\s+of\s+(?:(?:the|this)"
         rf"\s+year|(?P<rel>last|next)\s+year|{YEAR})|H(?P<h>[12])\s+(?P<hy>\d{{4}})", d.half, ANY,
         cues="half|h1|h2"),
    rule("fiscal", rf"{MOD}(?:the\s+)?(?:(?P<rel>this|last|next|current|previous|coming)\s+)?"
         r"(?:fiscal|financial)\s+year(?:\s+(?P<year>\d{4}|['’]?\d{2}))?"
         r"|(?:fiscal|FY)\s*(?P<fy>\d{4}|['’]?\d{2})", d.fiscal, ANY,
         cues="fiscal|financial|fy"),
    # "the last quarter" is a date; "the last year" a duration (the "duration" rule).
    rule("relative", r"(?:the\s+(?=(?:last|next|coming)\s+quarter))?"
         r"(?P<rel>last|this\s+past|this|next|coming)\s+(?P<what>weekend|week|month"
         rf"|year|quarter|decade|century|{_NAMES})", d.relative, ANY),
    rule("the-weekend", r"the\s+weekend", d.the_weekend,
         r"\b(?:over|during|at|on|for|by|until|through|since)\s+(?P<t>the\s+weekend)",
         cues="weekend"),
    rule("deictic-day", r"(?P<rel>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+"
         rf"yesterday|the\s+day\s+after\s+tomorrow)(?:\s+{PART})?", d.deictic_day, ANY),
    rule("deictic-part", rf"(?P<rel>this|last)\s+{PART}", d.deictic_part, ANY),
    rule("present", r"now|currently|nowadays|presently|at\s+present|at\s+the\s+moment"
         r"|these\s+days|right\s+now", _ref("present"), ANY),
    rule("past", r"(?:(?:more|most)\s+)?recently|lately|recent\s+(?:years|months|weeks|days"
         r"|decades|times)|the\s+past", _ref("past"), r"(?P<t>(?:(?:more|most)\s+)?recently"
         r"|lately|recent\s+(?:years|months|weeks|days|decades))", r"\bin\s+(?P<t>the\s+past)"),
    rule("future", r"the\s+future|the\s+coming\s+(?:years|months|weeks|days|decades)",
         _ref("future"), r"\b(?:in|for)\s+(?P<t>the\s+future)",
         r"(?P<t>the\s+coming\s+(?:years|months|weeks|decades))"),
    # An unnamed day: "postponed to a later date", "call back at a later time".
    rule("unnamed-day", r"an?\s+(?:later|earlier|future|further)\s+(?:date|time)",
         d.unnamed_day, ANY, cues=" date| time"),
    rule("ago", rf"{APPROX}(?:(?:{NUM}|{VAGUE_NUM})\s+)?{UNIT}\s+ago", d.ago, ANY, cues="ago"),
    rule("focus-step", r"the\s+(?P<dir>next|following|previous|preceding|prior)\s+(?P<unit>day"
         rf"|morning|afternoon|evening|night|week|month|year|{_DAYS})", t.focus_step, ANY),
    rule("focus-shift", rf"{APPROX}(?:(?:{NUM}|{VAGUE_NUM})\s+)?{UNIT}\s+(?P<dir>later|earlier)",
         t.focus_shift, ANY, cues="later|earlier"),
    rule("focus-same", r"(?:the\s+same|that|(?:earlier|later)\s+(?:in\s+)?(?:the|that))\s+"
         r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)"
         r"|the\s+(?P<unit2>day|week|month|year)\s+(?P<dir>before|after)", t.focus_same, ANY),
    rule("weekday", rf"{MOD}{WEEKDAY}(?:\s+{PART})?", d.weekday,
         r"(?<!Black\s)(?<!Good\s)(?<!Cyber\s)(?<!Super\s)(?<!Holy\s)(?<!Palm\s)" + ANY),
    rule("every", rf"(?:every|each)\s+(?:(?P<other>other)\s+|{NUM}\s+)?(?P<what>second|minute"
         r"|hour|day|weekend|week|fortnight|month|quarter|year|decade|morning|afternoon|evening"
         rf"|night|{_DAYS})s?", t.every, ANY, cues="every|each"),
    rule("per", rf"(?P<freq>once|twice|thrice|{NUM}\s+times)\s+(?:a|an|per|each|every)\s+{UNIT}"
         r"|per\s+(?P<per>day|week|month|year)",  # not "per hour": that is a speed
         t.per, ANY, cues="once|twice|thrice|times|per"),
    rule("adverb", rf"(?P<adv>{alternation(t.ADVERBS)})", t.adverb, ANY,
         cues="|".join(t.ADVERBS), lower=True),
    rule("clock-ampm", rf"{APPROX}(?P<h>1[0-2]|0?[1-9])(?:[:.](?P<mi>[0-5]\d))?\s*"
         rf"(?P<ap>[ap]\.?m\.?){ZONE}", t.clock_ampm, ANY, cues=_CLOCK),
    rule("clock-24", rf"{APPROX}(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?:\s*(?:hrs|h))?"
         rf"{ZONE}", t.clock_24, ANY, cues=":"),
    rule("clock-utc", r"(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>UTC|GMT)", t.clock_24,
         ANY, cues="utc|gmt"),
    rule("clock-word", r"(?P<word>noon|midday|midnight)|(?P<oc>[1-9]|1[0-2]|one|two|three"
         r"|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+o['’]clock", t.clock_word, ANY,
         cues="noon|midday|midnight|clock"),
    rule("part-of-day", r"(?:the\s+)?(?P<part>morning|afternoon|evening|night|overnight)",
         t.part_of_day),
    rule("duration", rf"{APPROX}(?:the\s+(?P<rel>past|last|next|previous|coming|following)\s+)?"
         rf"(?:(?P<half>half\s+an?)\s+|{NUM}[\s-]+{_RUN}|{VAGUE_NUM}\s+)?{UNIT}"
         r"(?P<andhalf>\s+and\s+a\s+half)?(?:[\s-]+long)?", t.duration, ANY),
    rule("units", rf"{_UNITS}(?:-long)?", t.units,  # "for years", from the model only,
         rf"(?P<t>{_UNITS}-long)", cues="seconds|minutes|hours|days|weeks|months|years|decades"
         "|centuries"),  # but "a decades-long feud" anywhere
    rule("holiday", r"(?P<hol>christmas\s+eve|christmas(?:\s+day)?|new\s+year['’]?s\s+eve"
         r"|new\s+year['’]?s(?:\s+day)?|valentine['’]?s\s+day|halloween|easter(?:\s+sunday)?)"
         rf"(?:\s+{YEAR})?", d.holiday, ANY, cues="christmas|new year|valentine|halloween|easter"),
    rule("numeric", r"(?P<all>\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{1,2}\.\d{1,2}\.\d{4})",
         t.numeric, ANY, cues="/|."),
)
# Words that must be capitalised where a rule finds them in running text ("may" is a verb).
NAME_WORDS = re.compile(rf"\b(?:{alternation(MONTHS)}|{_DAYS}|christmas|easter|halloween"
                        r"|valentine|new\s+year)\b", re.IGNORECASE)


def interpret(text: str, ctx: Context) -> tuple[Rule, Result] | None:
    """The first rule that reads all of `text`, with its (type, value); None if none does."""
    for candidate in RULES:
        if (result := read(candidate, text, ctx)) is not None:
            return candidate, result
    return None


def read(candidate: Rule, text: str, ctx: Context) -> Result | None:
    """What `candidate` reads in all of `text`, or None."""
    match = candidate.pattern.fullmatch(text)
    if match is None:
        return None
    try:
        return candidate.resolve(match.groupdict(), ctx)
    except (ValueError, OverflowError):  # "the 99999999th day": no date, and no crash
        return None
