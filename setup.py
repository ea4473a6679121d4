"""The one part of the build that pyproject.toml does not hold: the native skeleton rules.

``transnorm.glossary._native`` runs the skeleton rules of ``skeleton.py`` in C, the per-query cost
of a fuzzy lookup. ``skeleton.py`` stays the reference and the fallback when the module is absent.
"""
from setuptools import Extension, setup

setup(ext_modules=[
    Extension("transnorm.glossary._native", ["server/transnorm/glossary/_native.c"], extra_compile_args=["-O2"]),
])
