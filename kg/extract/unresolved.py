"""What the graph keeps without knowing it all, said in words for the log."""

from __future__ import annotations

from kg.model import Claim, Quotation, TimeExpression


def unresolved(times: list[TimeExpression], quotations: list[Quotation],
               claims: list[Claim]) -> tuple[str, ...]:
    """One note per time expression, quotation or claim kept with a part unknown."""
    notes = [f"time expression {_quote(t.text)} at {t.begin}: kept with value {t.value}, "
             "the text does not say more" for t in times if "X" in t.value]
    notes += [f"quotation {_quote(q.span.text)} at {q.span.begin}: no speaker found, "
              "kept without one" for q in quotations if q.speaker is None]
    notes += [f"claim {_quote(c.span.text)} at {c.span.begin}: no author found, kept without one"
              for c in claims if c.author is None]
    return tuple(notes)


def _quote(text: str, limit: int = 40) -> str:
    return f"“{text if len(text) <= limit else text[:limit - 1] + '…'}”"
