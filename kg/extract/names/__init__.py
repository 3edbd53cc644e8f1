"""Names: entity candidates from the parse, corrected; within-article coreference; the positions
people hold. Places are looked up in GeoNames (kg.extract.places, shared with the other rooms)."""

from kg.extract.names.find import find_names

__all__ = ["find_names"]
