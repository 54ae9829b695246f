"""Budget disclosure parser and site generator."""

__version__ = "0.1.0"
