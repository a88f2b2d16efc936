"""Real people and real garments for the try-on tests: poses and masks from the bundled MediaPipe
model, garments from the demo catalog and from ``catalog import`` of real product photos."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pytest

from mirror_app.catalog import load_catalog
from mirror_app.domain import Category
from mirror_app.overlay import Garment
from mirror_app.resources import demo_catalog_dir
from mirror_app.tracking.landmarks import Pose

BODY = (Category.TOP, Category.OUTERWEAR, Category.DRESS, Category.BOTTOM)

# Real product photos the importer of today turns into whole garments (the import stream's tests
# cover all 38); a few of each kind.
IMPORTED = {
    "top": [
        "idm_09164_00.jpg",
        "dc_050191_1.jpg",
        "idm_09236_00.jpg",
        "cat_upper_24083449_54173465.jpg",
        "cat_upper_22790049_53294275.jpg",
    ],
    "bottom": ["dc_051473_1.jpg", "dc_051946_1.jpg"],
    "dress": ["dc_053319_1.jpg", "cat_dress_24047235_54199143.jpg"],
}


@dataclass(frozen=True, eq=False)
class Person:
    name: str
    rgb: np.ndarray
    pose: Pose
    mask: np.ndarray

    @property
    def wh(self) -> tuple[int, int]:
        return self.rgb.shape[1], self.rgb.shape[0]


@pytest.fixture(scope="session")
def tryon_media(media: Path) -> Path:
    folder = media / "tryon"
    if not (folder / "people").is_dir():
        pytest.skip(f"try-on test media not found at {folder} (CI provides ../shared/media/tryon)")
    return folder


@pytest.fixture(scope="session")
def people(tryon_media: Path, model_path: Path) -> list[Person]:
    """The person in each photo of media/tryon/people, with their mask (IMAGE mode, one pose)."""
    from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator

    out = []
    photos = sorted(p for p in (tryon_media / "people").iterdir() if p.suffix.lower() in (".jpg", ".png"))
    with PoseEstimator(EstimatorSettings(model_path, num_poses=1, segmentation=True, video=False)) as est:
        for path in photos:
            rgb = cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)
            found = est.estimate(rgb, 0)
            assert found, f"nobody found in {path.name}"
            assert found[0].mask is not None
            out.append(Person(path.name, rgb, found[0].pose, found[0].mask))
    assert len(out) >= 12
    return out


@pytest.fixture(scope="session")
def demo_garments() -> dict[str, Garment]:
    catalog = load_catalog(demo_catalog_dir())
    return {it.id: it.garment() for it in catalog.items if it.category in BODY}


@pytest.fixture(scope="session")
def imported_garments(tryon_media: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Garment]:
    """A few real product photos run through `mirror-app catalog import`, as a shop owner would."""
    shop = tmp_path_factory.mktemp("imported") / "shop"
    run = [sys.executable, "-m", "mirror_app", "catalog"]
    subprocess.run([*run, "new", str(shop)], check=True, capture_output=True, timeout=120)
    for child in (shop / "items").iterdir():
        for f in child.iterdir():
            f.unlink()
        child.rmdir()
    labels = json.loads((tryon_media / "garments" / "labels.json").read_text())
    for category, names in IMPORTED.items():
        assert all(labels[n] == category for n in names)
        photos = [str(tryon_media / "garments" / n) for n in names]
        subprocess.run(
            [*run, "import", *photos, "--category", category, "--into", str(shop), "--no-progress"],
            capture_output=True,
            timeout=600,
        )
    catalog = load_catalog(shop)
    garments = {it.id: it.garment() for it in catalog.items}
    assert len(garments) >= 6, f"the importer made only {sorted(garments)}"
    return garments
