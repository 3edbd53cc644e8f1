"""The SHACL shapes, installed as the package kg.resources.shapes (see pyproject.toml).

This file only makes the folder a regular package: setuptools' editable install cannot import a
folder that package-dir maps without one (pypa/setuptools#4943).
"""
