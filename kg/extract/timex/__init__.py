"""Time expressions: TIMEX3 types and values, resolved against the article date and, inside a
quotation, the statement's date. spaCy-free: it reads text and offsets, not Docs (an
import contract keeps it so)."""

from kg.extract.timex.tag import tag_times

__all__ = ["tag_times"]
