"""Validation: article graphs checked against the SHACL shapes, the only package that calls
pySHACL. shapes: the Validator and its typed Report; shacl_sparql: Oxigraph answers the
SHACL-SPARQL constraints' queries; files: `kg validate`, RDF files checked graph by graph."""

from kg.validate.shapes import SHAPES_IRI, Issue, Report, Validator

__all__ = ["SHAPES_IRI", "Issue", "Report", "Validator"]
