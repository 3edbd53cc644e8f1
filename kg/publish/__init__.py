"""Publishers: where a built graph goes besides the embedded store (files, endpoints, site)."""

from kg.publish.files import QuadFileWriter, atomic_output, turtle, write_graph

__all__ = ["QuadFileWriter", "atomic_output", "turtle", "write_graph"]
