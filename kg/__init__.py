"""kg: turn news articles into a validated, queryable knowledge graph."""

__version__ = "0.1.0"
