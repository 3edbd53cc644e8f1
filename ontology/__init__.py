"""The kg ontology, installed as the package kg.resources.ontology (see pyproject.toml).

This file only makes the folder a regular package: setuptools' editable install cannot import a
folder that package-dir maps without one (pypa/setuptools#4943).
"""
