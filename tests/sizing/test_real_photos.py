"""Size estimates on the shared real photos and video: consistent, and honest when they cannot be."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest

from mirror_app.sizing import BodyMeasurer, Reason, recommend_size
from mirror_app.sizing.body import frame_lengths
from mirror_app.sizing.measurer import BodyEstimate
from mirror_app.tracking.landmarks import Pose
from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator

from .test_advice import BOTTOMS, TOPS

pytestmark = pytest.mark.model

# The same photo flipped or rescaled must give the same body within this (relative). Measured:
# shoulder/chest 4.0 %, waist 5.0 %, hip 6.3 % (all from the flip), torso 0.5 %, inseam 2.2 %,
# height 2.1 %: MediaPipe's hip landmarks are its least steady width.
PHOTO_AGREEMENT = {"hip": 0.08, "waist": 0.07}


def _rgb(path: Path) -> np.ndarray:
    return cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)


def _standing_man(est: PoseEstimator, rgb: np.ndarray) -> tuple[Pose, np.ndarray | None]:
    """The man standing in the living room: the tallest person in the picture."""
    found = est.estimate(rgb, 0)
    tallest = max(found, key=lambda r: float(np.ptp(r.pose.xy[:, 1])))
    return tallest.pose, tallest.mask


def _measure_still(pose: Pose, frame_wh: tuple[int, int], mask: np.ndarray | None = None) -> BodyEstimate:
    """A photo held still for 2.2 s at 30 fps."""
    m = BodyMeasurer()
    est = m.update(pose, 0, frame_wh=frame_wh, mask=mask)
    for i in range(1, 67):
        est = m.update(pose, i * 33, frame_wh=frame_wh, mask=mask)
    return est


@pytest.fixture(scope="module")
def man_variants(media, model_path) -> dict[str, BodyEstimate]:
    rgb = _rgb(media / "person_standing_livingroom.jpg")
    variants = {
        "original": rgb,
        "flipped": np.ascontiguousarray(rgb[:, ::-1]),
        "x2": cv2.resize(rgb, None, fx=2.0, fy=2.0, interpolation=cv2.INTER_CUBIC),
        "x0.6": cv2.resize(rgb, None, fx=0.6, fy=0.6, interpolation=cv2.INTER_AREA),
    }
    out = {}
    with PoseEstimator(EstimatorSettings(model_path, num_poses=4, video=False, segmentation=True)) as est:
        for name, img in variants.items():
            pose, mask = _standing_man(est, img)
            out[name] = _measure_still(pose, (img.shape[1], img.shape[0]), mask)
    return out


def test_standing_man_is_measured_but_turned(man_variants) -> None:
    # He stands about 45 degrees to his right (holding a game controller): the mirror asks
    # him to face it rather than guess, in every variant of the photo.
    for est in man_variants.values():
        assert est.ready and est.reasons == (Reason.NOT_FACING,)
        assert recommend_size(est, TOPS).reasons == ("not_facing",)
    est = man_variants["original"]
    # an adult man: loose bounds, the point is a sane body rather than the exact one
    assert 40 <= est.shoulder <= 50
    assert 150 <= est.height <= 190
    assert 70 <= est.inseam <= 90


@pytest.mark.parametrize("variant", ["flipped", "x2", "x0.6"])
def test_standing_man_agrees_with_himself(man_variants, variant) -> None:
    base, other = man_variants["original"].measurements(), man_variants[variant].measurements()
    assert base.keys() == other.keys()
    for name, value in base.items():
        assert other[name] == pytest.approx(value, rel=PHOTO_AGREEMENT.get(name, 0.05)), name


def test_standing_man_gets_one_size_when_turning_is_allowed(man_variants) -> None:
    facing = {name: replace(e, reasons=()) for name, e in man_variants.items()}  # as if max_yaw were 50
    tops = {recommend_size(e, TOPS).recommended for e in facing.values()}
    bottoms = {recommend_size(e, BOTTOMS).recommended for e in facing.values()}
    assert None not in tops and None not in bottoms
    # neighbouring sizes at most: he sits near a boundary in places
    order = list(TOPS.sizes)
    assert max(order.index(s) for s in tops) - min(order.index(s) for s in tops) <= 1
    assert max(order.index(s) for s in bottoms) - min(order.index(s) for s in bottoms) <= 1


def test_upper_body_portrait_gives_tops_only(media, model_path) -> None:
    rgb = _rgb(media / "astronaut.png")
    with PoseEstimator(EstimatorSettings(model_path, num_poses=1, video=False)) as est:
        pose = est.estimate(rgb, 0)[0].pose
    est = _measure_still(pose, (rgb.shape[1], rgb.shape[0]))
    assert Reason.PARTLY_OUT_OF_FRAME in est.reasons
    assert est.inseam is None and est.height is None and est.shoulder is not None


@pytest.fixture(scope="module")
def walker(media, model_path) -> list[tuple[int, Pose]]:
    """The main walker of the street clip, followed by position (she stays near the middle)."""
    cap = cv2.VideoCapture(str(media / "street_walkers_720p50.avi"))
    out, last_x, i = [], 700.0, 0
    with PoseEstimator(EstimatorSettings(model_path, num_poses=4, video=True)) as est:
        while True:
            ok, bgr = cap.read()
            if not ok:
                break
            found = est.estimate(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), i * 20)
            near = [r for r in found if abs(float(r.pose.xy[0, 0]) - last_x) < 150]
            if near:
                pose = max(near, key=lambda r: r.pose.body_scale()).pose
                last_x = float(pose.xy[0, 0])
                out.append((i * 20, pose))
            i += 1
    cap.release()
    return out


def test_walker_lengths_are_stable_across_frames(walker) -> None:
    assert len(walker) > 150
    rows = [frame_lengths(p, frame_wh=(1280, 720)) for _, p in walker]
    frontal = np.array([r.lengths_m for r in rows if r is not None and r.yaw_deg < 35])
    assert len(frontal) > 40
    for col, limit in ((2, 0.06), (3, 0.06), (4, 0.06), (0, 0.15)):  # torso, leg, nose-ankle, shoulders
        v = frontal[:, col]
        v = v[np.isfinite(v)]
        med = np.median(v)
        mad = 1.4826 * np.median(np.abs(v - med))
        assert mad / med < limit, col


def test_walking_is_never_measured(walker) -> None:
    m = BodyMeasurer()
    estimates = [m.update(p, t, frame_wh=(1280, 720)) for t, p in walker]
    assert not any(e.trustworthy for e in estimates)
    assert sum(Reason.MOVING in e.reasons for e in estimates) > len(estimates) // 4
