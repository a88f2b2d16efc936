"""Demo garments on real people: where they land, measured against the person's own landmarks."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from mirror_app.catalog import load_catalog
from mirror_app.overlay import Category, OutfitRenderer
from mirror_app.resources import demo_catalog_dir
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator

pytestmark = pytest.mark.model

PHOTOS = ["person_standing_livingroom.jpg", "three_women_front.jpg"]


@pytest.fixture(scope="module")
def people(media, model_path):
    """The most prominent person of each photo, with their segmentation mask."""
    out = {}
    for name in PHOTOS:
        rgb = cv2.cvtColor(cv2.imread(str(media / name)), cv2.COLOR_BGR2RGB)
        with PoseEstimator(EstimatorSettings(model_path, num_poses=4, segmentation=True, video=False)) as est:
            found = est.estimate(rgb, 0)
        main = max(found, key=lambda r: r.pose.body_scale() * (r.pose.visibility[[23, 24]].min() > 0.5))
        out[name] = (rgb, main)
    return out


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(demo_catalog_dir())


def _drawn_mask(rgb, pose, garment, mask=None):
    canvas = rgb.copy()
    OutfitRenderer().render(canvas, pose, [garment], person_mask=mask, occlusion=False)
    return np.abs(canvas.astype(int) - rgb.astype(int)).max(axis=2) > 12


@pytest.mark.parametrize("photo", PHOTOS)
def test_tops_cover_the_torso_and_stay_on_the_body(people, catalog, photo):
    rgb, person = people[photo]
    pose = person.pose
    torso = np.array([pose.xy[L.RIGHT_SHOULDER], pose.xy[L.LEFT_SHOULDER], pose.xy[L.LEFT_HIP], pose.xy[L.RIGHT_HIP]])
    torso_mask = np.zeros(rgb.shape[:2], np.uint8)
    cv2.fillPoly(torso_mask, [torso.astype(np.int32)], 1)
    body = cv2.dilate((person.mask > 0.5).astype(np.uint8), np.ones((15, 15), np.uint8)).astype(bool)
    tops = [it for it in catalog.items if it.category in (Category.TOP, Category.OUTERWEAR, Category.DRESS)]
    assert len(tops) >= 3
    for item in tops:
        drawn = _drawn_mask(rgb, pose, item.garment())
        covered = drawn[torso_mask.astype(bool)].mean()
        outside = (drawn & ~body).sum() / max(drawn.sum(), 1)
        print(f"{photo} {item.id}: torso covered {covered:.0%}, outside the body {outside:.0%}")
        assert covered > 0.9, f"{item.id} leaves the torso bare ({covered:.0%} covered)"
        assert outside < 0.2, f"{item.id} spills off the body ({outside:.0%} of its pixels)"


def test_long_sleeves_run_along_the_arm(people, catalog):
    rgb, person = people["person_standing_livingroom.jpg"]
    pose = person.pose
    shirt = next(
        it for it in catalog.items if it.category is Category.TOP and {"left_wrist", "right_wrist"} <= set(it.anchors)
    )
    drawn = _drawn_mask(rgb, pose, shirt.garment())
    # The man's left arm (well detected): points along shoulder → elbow → wrist are covered.
    sh, el, wr = (pose.xy[i] for i in (L.LEFT_SHOULDER, L.LEFT_ELBOW, L.LEFT_WRIST))
    samples = [sh + (el - sh) * t for t in (0.3, 0.6, 0.9)] + [el + (wr - el) * t for t in (0.2, 0.5, 0.75)]
    hits = [bool(drawn[int(y), int(x)]) for x, y in samples]
    assert all(hits), hits


def test_glasses_sit_on_the_eyes_and_the_hat_above_them(people, catalog):
    rgb, person = people["three_women_front.jpg"]
    pose = person.pose
    glasses = next(it for it in catalog.items if it.category is Category.GLASSES)
    hat = next(it for it in catalog.items if it.category is Category.HAT)
    g = _drawn_mask(rgb, pose, glasses.garment())
    ys, xs = np.nonzero(g)
    eyes = pose.xy[[L.LEFT_EYE, L.RIGHT_EYE]]
    assert xs.min() < eyes[:, 0].min() and xs.max() > eyes[:, 0].max()
    assert abs(np.median(ys) - eyes[:, 1].mean()) < 0.5 * np.ptp(eyes[:, 0]) + 3
    h = _drawn_mask(rgb, pose, hat.garment())
    hy, hx = np.nonzero(h)
    assert np.median(hy) < eyes[:, 1].mean() and abs(np.median(hx) - eyes[:, 0].mean()) < np.ptp(eyes[:, 0])
