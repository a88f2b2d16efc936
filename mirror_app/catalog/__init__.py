"""Shop catalogs: the format, its one loader, and the items the mirror can dress people in."""

from .loader import load_catalog
from .model import Catalog, Item, Manifest, Problem, SizeChart, Text, Variant

__all__ = ["Catalog", "Item", "Manifest", "Problem", "SizeChart", "Text", "Variant", "load_catalog"]
