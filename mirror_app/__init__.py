"""Mirror: a smart-mirror virtual fitting application."""

__version__ = "0.1.0"
