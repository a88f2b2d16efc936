"""Procedural pictures of the demo catalog's garments (see tools/make_demo_catalog.py)."""
