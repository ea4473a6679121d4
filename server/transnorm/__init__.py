"""transnorm: find and repair the artifacts of machine translation and careless transliteration."""
__version__ = "0.1.0"
