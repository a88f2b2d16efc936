#!/usr/bin/env python3
"""Draw Mirror's demo catalog (``catalogs/demo``): garment pictures made procedurally, with anchors.

Every picture is a front view of a garment as worn with the arms slightly away from the body
(A-pose), in the proportions of a real body as the pose model sees it (so lengths read right on
the mirror). Each is built from silhouette curves and then given fabric texture, soft volume from
a height field (rounded pieces, folds, seams), stitching, trims and small cast shadows; drawn at
3× the output size and reduced with area averaging, so edges are anti-aliased. Anchors include
the v2 outline marks (collar, shoulder seams, armpits, cuffs, waist, hem), exact from the drawing.

Everything is deterministic (fixed seeds, no clock, no threads racing): running the script
again writes byte-identical PNGs. The drawing lives in ``tools/demo_garments/``: shared helpers
(geometry, canvas, cloth, trims, frames) and one module per kind of garment.

    python tools/make_demo_catalog.py                 # write catalogs/demo
    python tools/make_demo_catalog.py --only crew-tee --out /tmp/demo
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from demo_garments.catalog import main

if __name__ == "__main__":
    sys.exit(main())
