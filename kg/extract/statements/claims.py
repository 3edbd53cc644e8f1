"""Claims: attributed statements the graph records but never asserts.

Which cues make a claim (reporting_verbs.tsv, column "claim"): every verb whose complement is a
proposition its subject puts forward as true, whether it asserts it (say, announce, emphasize,
confirm, claim, insist, assert, allege), holds it (believe, think) or charges someone with it
(accuse X of Y, blame X for Y, deny Y); and "According to X, ...". The article reports these
propositions without vouching for them, so the graph must not state them as facts: a claim is how
it keeps them. Promises, warnings, vows and requests are speech but not claims: their content is
a commitment or a demand, not a statement of what is the case.

A claim and a reported quotation may share a span: "Ryder noted that X" is both what Ryder said
(a quotation: his words, as the article reports them) and what Ryder holds true (a claim: a
proposition with an author, which may contradict another author's claim about the same event).
The two answer different questions: "what did he say" and "who claims what".

"I" and "we" inside a quotation are the quoted speaker: "We believe a missile intercepted ..."
in Ryder's quote is Ryder's claim. Other cues inside a quotation are the speaker's report of
someone else's words and are left out. A claim is about the events whose trigger lies in its
span or its sentence, and about the entities its span names. Two claims about the same thing by
different authors both stand.
"""

from __future__ import annotations

from kg.extract.spans import SpanIndex
from kg.extract.statements.attribution import Cue
from kg.extract.statements.quotations import attributed, statement_date
from kg.model import Claim, Event, Span


def find_claims(index: SpanIndex, events: list[Event]) -> list[Claim]:
    """The attributed claims of the article, in text order."""
    cues = list(attributed(index).cues)
    claims: dict[int, Claim] = {}
    for cue in cues:
        if cue.verb.claim and cue.content is not None and cue.content.begin not in claims:
            claims[cue.content.begin] = _claim(index, cue, cues, events)
    return sorted(claims.values(), key=lambda c: c.span.begin)


def _claim(index: SpanIndex, cue: Cue, cues: list[Cue], events: list[Event]) -> Claim:
    assert cue.content is not None
    date = cue.date
    if date is None and cue.speaker is not None:
        date = statement_date(cues, cue.speaker, cue.cue.begin)
    return Claim(f"claim:{cue.content.begin}", cue.content, cue.sentence, cue.speaker, date,
                 _about(index, cue, events), cue.cue)


def _about(index: SpanIndex, cue: Cue, events: list[Event]) -> tuple[str, ...]:
    """Events triggered in the claim or its sentence, then entities named in the claim."""
    assert cue.content is not None
    keys = [event.key for event in events if _triggered_in(event, cue.sentence)
            or _triggered_in(event, cue.content)]
    keys += [m.entity for m in index.mentions_within(cue.content.begin, cue.content.end)]
    return tuple(dict.fromkeys(key for key in keys if key != cue.speaker))


def _triggered_in(event: Event, span: Span) -> bool:
    return any(span.begin <= m.trigger.begin and m.trigger.end <= span.end for m in event.mentions)
