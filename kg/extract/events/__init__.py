"""Events: triggers, participants by role, place, date, factuality, counts, coreference and
relations, read from the parse around the words that name them."""

from kg.extract.events.find import find_events

__all__ = ["find_events"]
