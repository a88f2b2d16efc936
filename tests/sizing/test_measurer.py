"""BodyMeasurer on synthetic bodies whose measurements are known."""

from __future__ import annotations

import numpy as np
import pytest

from mirror_app.sizing import BodyMeasurer, MeasurerSettings, Reason
from mirror_app.sizing.measurer import BodyEstimate, robust_mean

from .bodies import EXACT, Camera, SyntheticBody, frames

SETTINGS = MeasurerSettings(model=EXACT)

# Stated tolerances (cm) of the pipeline on noisy synthetic frames: geometry, averaging and
# outlier rejection only; the anthropometric ratios are a separate, larger error (docs/sizing.md).
TOLERANCE_CM = {"shoulder": 1.0, "chest": 2.0, "waist": 2.0, "hip": 1.5, "torso": 1.0, "inseam": 1.5, "height": 2.0}


def run(measurer: BodyMeasurer, clip, frame_wh=(1080, 1920), **kw) -> BodyEstimate:
    est = BodyEstimate.pending((Reason.NO_PERSON,))
    for pose, t in clip:
        est = measurer.update(pose, t, frame_wh=frame_wh, **kw)
    return est


BODIES = [
    SyntheticBody.from_measurements(shoulder_cm=41.5, hip_cm=88, inseam_cm=73, height_cm=160, torso_cm=44),
    SyntheticBody.from_measurements(shoulder_cm=44.0, hip_cm=93, inseam_cm=76, height_cm=172, torso_cm=48),
    SyntheticBody.from_measurements(shoulder_cm=46.0, hip_cm=98, inseam_cm=79, height_cm=180, torso_cm=50),
    SyntheticBody.from_measurements(shoulder_cm=48.5, hip_cm=104, inseam_cm=81, height_cm=188, torso_cm=52),
]


@pytest.mark.parametrize("body", BODIES)
def test_still_noisy_body_is_measured_within_tolerance(body: SyntheticBody) -> None:
    # given: 2.5 s at 30 fps, 6 mm landmark noise, 1 px jitter, a wild joint every 7th frame
    clip = frames(body, rng=np.random.default_rng(7), world_noise_m=0.006, pixel_noise=1.0, outlier_every=7)
    # when
    est = run(BodyMeasurer(SETTINGS), clip)
    # then
    assert est.ready and est.trustworthy, est.reasons
    assert est.confidence > 0.6
    got = est.measurements()
    for name, want in body.expected().items():
        assert got[name] == pytest.approx(want, abs=TOLERANCE_CM[name]), name


def test_estimate_needs_about_two_still_seconds() -> None:
    clip = frames(BODIES[1], seconds=2.5)
    m = BodyMeasurer(SETTINGS)
    progress = []
    for pose, t in clip:
        est = m.update(pose, t, frame_wh=(1080, 1920))
        progress.append((t, est.ready, est.progress, est.reasons))
    first_ready = next(t for t, ready, _, _ in progress if ready)
    assert 1850 <= first_ready <= 2100
    assert all(reasons == (Reason.TOO_FEW_FRAMES,) for t, _, _, reasons in progress if t < 1850)
    assert progress[30][2] == pytest.approx(0.5, abs=0.05)


def test_moving_body_is_not_measured() -> None:
    # a shopper swaying 60 px (about a third of their shoulder width) side to side
    clip = frames(BODIES[1], seconds=4, sway_px=60)
    est = run(BodyMeasurer(SETTINGS), clip)
    assert not est.ready and not est.trustworthy
    assert Reason.MOVING in est.reasons


def test_hands_moving_do_not_count_as_moving() -> None:
    clip = frames(BODIES[1], seconds=2.5)
    rng = np.random.default_rng(3)
    for pose, _ in clip:
        pose.xy[13:23] += rng.normal(0, 80, (10, 2)).astype(np.float32)  # elbows, wrists, hands
    assert run(BodyMeasurer(SETTINGS), clip).trustworthy


def test_legs_out_of_frame_keep_the_upper_body() -> None:
    camera = Camera(frame_wh=(1080, 1000), hips_at=0.85)  # knees and ankles fall below the frame
    clip = frames(BODIES[1], camera=camera)
    est = run(BodyMeasurer(SETTINGS), clip, frame_wh=camera.frame_wh)
    assert est.ready
    assert Reason.PARTLY_OUT_OF_FRAME in est.reasons
    assert est.trustworthy  # partly out of frame is not blocking: what was seen is good
    assert est.inseam is None and est.height is None
    assert est.shoulder == pytest.approx(BODIES[1].expected()["shoulder"], abs=1.0)


def test_low_visibility_counts_as_out_of_frame() -> None:
    clip = frames(BODIES[1])
    for pose, _ in clip:
        pose.visibility[25:29] = 0.1  # knees and ankles hidden behind a counter
    est = run(BodyMeasurer(SETTINGS), clip)
    assert Reason.PARTLY_OUT_OF_FRAME in est.reasons and est.inseam is None


def test_turned_body_is_not_trusted() -> None:
    est = run(BodyMeasurer(SETTINGS), frames(BODIES[1], yaw_deg=55))
    assert est.ready and Reason.NOT_FACING in est.reasons and not est.trustworthy


def test_slow_frame_rate_is_too_few_frames() -> None:
    est = run(BodyMeasurer(SETTINGS), frames(BODIES[1], seconds=3, fps=4))
    assert not est.ready and Reason.TOO_FEW_FRAMES in est.reasons


def test_frames_that_disagree_are_inconsistent() -> None:
    rng = np.random.default_rng(5)
    clip = frames(BODIES[1], rng=rng, world_noise_m=0.05)  # 5 cm noise: the model is guessing
    est = run(BodyMeasurer(SETTINGS), clip)
    assert est.ready and Reason.INCONSISTENT in est.reasons and not est.trustworthy


def test_implausible_body_is_inconsistent() -> None:
    giant = SyntheticBody(shoulder_joints=0.34, hip_joints=0.25, torso=0.48, thigh=0.9, shin=0.9)
    est = run(BodyMeasurer(SETTINGS), frames(giant, camera=Camera(distance=6.0)))
    assert Reason.INCONSISTENT in est.reasons


def test_loose_clothing_from_a_wide_silhouette() -> None:
    camera = Camera()
    clip = frames(BODIES[1], camera=camera)
    pose0 = clip[0][0]
    w, h = camera.frame_wh
    shoulder_px = pose0.shoulder_width()
    cx = float(pose0.xy[11:13, 0].mean())

    def mask_with_width(ratio: float) -> np.ndarray:
        mask = np.zeros((h // 4, w // 4), np.float32)  # the model's mask is often smaller
        half = ratio * shoulder_px / 2 / 4
        mask[:, int(cx / 4 - half) : int(cx / 4 + half)] = 1.0
        return mask

    fitted = run(BodyMeasurer(SETTINGS), clip, mask=mask_with_width(1.6))
    puffy = run(BodyMeasurer(SETTINGS), clip, mask=mask_with_width(2.4))
    assert fitted.trustworthy
    assert Reason.LOOSE_CLOTHING_SUSPECTED in puffy.reasons and not puffy.trustworthy


def test_best_estimate_is_kept_while_browsing_and_forgotten_on_reset() -> None:
    m = BodyMeasurer(SETTINGS)
    est = run(m, frames(BODIES[1]))
    assert est.trustworthy
    # now the shopper walks about: the estimate stays for the visit
    later = run(m, frames(BODIES[1], seconds=2, sway_px=80, start_ms=3000))
    assert later is est
    assert m.update(None, 6000) is est
    m.reset()
    assert not m.update(None, 6100).ready


def test_another_person_starts_afresh() -> None:
    m = BodyMeasurer(SETTINGS)
    est = run(m, frames(BODIES[1]), track_id=1)
    assert est.trustworthy
    pose, t = frames(BODIES[3], start_ms=5000)[0]
    assert not m.update(pose, t, track_id=2).ready


def test_no_world_landmarks() -> None:
    pose, t = frames(BODIES[1])[0]
    from mirror_app.tracking.landmarks import Pose

    est = BodyMeasurer(SETTINGS).update(Pose(pose.xy, pose.visibility, None), t)
    assert est.reasons == (Reason.NO_WORLD_LANDMARKS,)


@pytest.mark.parametrize(
    ("values", "mean", "dropped"),
    [
        ([1.0, 1.0, 1.0, 1.0], 1.0, 0),
        ([1.0, 1.01, 0.99, 1.0, 1.6], 1.0, 1),  # one wild frame is dropped
        ([1.0, np.nan, 1.02, 0.98], 1.0, 0),  # hidden frames are skipped
    ],
)
def test_robust_mean(values, mean, dropped) -> None:
    m, _, out = robust_mean(np.array(values), 3.5)
    assert m == pytest.approx(mean, abs=1e-6)
    assert out == dropped
