"""The bundled model on real photos and video from ../shared/media."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from mirror_app.errors import ModelError
from mirror_app.tracking import PoseTracker, TrackerSettings
from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator, check_model_file

pytestmark = pytest.mark.model


def _rgb(path: Path) -> np.ndarray:
    return cv2.cvtColor(cv2.imread(str(path)), cv2.COLOR_BGR2RGB)


@pytest.mark.parametrize("name", ["person_standing_livingroom.jpg", "three_women_front.jpg", "astronaut.png"])
def test_landmarks_match_the_reference_within_a_few_pixels(media, reference_landmarks, model_path, name):
    ref = reference_landmarks[name]
    with PoseEstimator(EstimatorSettings(model_path, num_poses=4, video=False)) as est:
        found = est.estimate(_rgb(media / name), 0)
    assert len(found) == len(ref["people"])
    for person in ref["people"]:
        ref_xy = np.array(person)[:, :2]
        ref_vis = np.array(person)[:, 2]
        # The detection whose landmarks are closest to this reference person.
        err = min((np.linalg.norm(r.pose.xy - ref_xy, axis=1) for r in found), key=np.median)
        visible = ref_vis > 0.5
        assert np.median(err[visible]) < 2.0
        assert np.percentile(err[visible], 90) < 5.0


def test_still_subject_jitters_much_less_after_smoothing(media, model_path, rng):
    """A still image repeated as video with sensor noise: frame-to-frame landmark motion."""
    rgb = _rgb(media / "astronaut.png")
    raw, smooth = [], []
    with PoseTracker(TrackerSettings(model_path, num_poses=1)) as tracker:
        for i in range(60):
            noisy = np.clip(rgb.astype(np.int16) + rng.normal(0, 3, rgb.shape), 0, 255).astype(np.uint8)
            person = tracker.process(noisy, i * 33).main
            assert person is not None
            raw.append(person.raw_pose.xy)
            smooth.append(person.pose.xy)
            visible = person.pose.visibility > 0.8
    raw_a, smooth_a = np.array(raw)[10:], np.array(smooth)[10:]
    raw_jitter = np.linalg.norm(np.diff(raw_a, axis=0), axis=2)[:, visible].mean()
    smooth_jitter = np.linalg.norm(np.diff(smooth_a, axis=0), axis=2)[:, visible].mean()
    print(f"frame-to-frame jitter: raw {raw_jitter:.2f} px, smoothed {smooth_jitter:.2f} px")
    assert raw_jitter > 0.2  # the noise does move the raw landmarks
    assert smooth_jitter < 0.5 * raw_jitter


def test_segmentation_mask_covers_the_person(media, model_path):
    rgb = _rgb(media / "astronaut.png")
    with PoseTracker(TrackerSettings(model_path, num_poses=1, segmentation=True)) as tracker:
        person = tracker.process(rgb, 0).main
    assert person is not None and person.mask is not None
    mask = person.mask
    # The whole frame, with its aspect, at a scale of its own (consumers scale it by frame / mask).
    h, w = mask.shape
    assert abs(w / h - rgb.shape[1] / rgb.shape[0]) < 0.01 and h <= rgb.shape[0]
    k = w / rgb.shape[1]
    # The face (between the eyes and the mouth) is person; the top-right corner is background.
    nose = (person.pose.xy[0] * k).astype(int)
    assert mask[nose[1], nose[0]] > 0.8
    assert mask[int(10 * k), int(500 * k)] < 0.2


def test_empty_scene_finds_nobody(model_path):
    with PoseTracker(TrackerSettings(model_path)) as tracker:
        result = tracker.process(np.full((480, 640, 3), 128, np.uint8), 0)
    assert result.people == () and result.main is None


def test_bad_model_files_give_one_clear_line(tmp_path):
    missing = tmp_path / "nope.task"
    with pytest.raises(ModelError, match=r"pose model not found: .*nope\.task; rebuild it"):
        check_model_file(missing)
    garbage = tmp_path / "garbage.task"
    garbage.write_bytes(b"not a zip at all" * 100)
    with pytest.raises(ModelError, match="corrupt or not a .task bundle"):
        check_model_file(garbage)
    import zipfile

    wrong = tmp_path / "wrong.task"
    with zipfile.ZipFile(wrong, "w") as z:
        z.writestr("hand_detector.tflite", b"x")
    with pytest.raises(ModelError, match="missing pose_detector.tflite, pose_landmarks_detector.tflite"):
        check_model_file(wrong)


def test_truncated_model_is_refused_before_mediapipe_sees_it(tmp_path, model_path):
    cut = tmp_path / "cut.task"
    cut.write_bytes(model_path.read_bytes()[:3_000_000])
    with pytest.raises(ModelError) as info:
        PoseEstimator(EstimatorSettings(cut, num_poses=1))
    assert "\n" not in str(info.value) and str(cut) in str(info.value)


def test_zip_with_broken_tflite_is_refused_with_the_runtime_reason(tmp_path):
    import zipfile

    fake = tmp_path / "fake.task"
    with zipfile.ZipFile(fake, "w") as z:
        z.writestr("pose_detector.tflite", b"\x00" * 64)
        z.writestr("pose_landmarks_detector.tflite", b"\x00" * 64)
    with pytest.raises(ModelError, match="could not be loaded") as info:
        PoseEstimator(EstimatorSettings(fake, num_poses=1))
    assert "\n" not in str(info.value)


def test_no_real_pose_is_taken_for_an_impossible_one(media, model_path):
    """The plausibility check must not refuse real people: every pose the model finds on the shared
    photos (the try-on people too, when present) and on the street video passes it."""
    from mirror_app.tracking.plausibility import pose_problem

    pictures = [_rgb(media / n) for n in ("three_women_front.jpg", "person_standing_livingroom.jpg", "astronaut.png")]
    people_dir = media / "tryon" / "people"
    if people_dir.is_dir():
        pictures += [_rgb(p) for p in sorted(people_dir.iterdir()) if p.suffix.lower() in (".jpg", ".png")]
    cap = cv2.VideoCapture(str(media / "street_walkers_720p50.avi"))
    for i in range(205):
        ok, bgr = cap.read()
        if ok and i % 4 == 0:
            pictures.append(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))
    cap.release()
    checked, refused = 0, []
    with PoseEstimator(EstimatorSettings(model_path, num_poses=6, video=False, min_detection_confidence=0.3)) as est:
        for rgb in pictures:
            for found in est.estimate(rgb, 0):
                checked += 1
                if (problem := pose_problem(found.pose)) is not None:
                    refused.append(problem)
    assert checked > 80 and refused == []
