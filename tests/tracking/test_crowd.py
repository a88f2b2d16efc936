"""The shopper in a crowd, with the real model, on clips made from real photos (frames counted).

Each clip is a photo of several people held still for 2 s, then swayed gently for 4 s (30 fps,
with camera noise). Mirror must follow the prominent person as steadily as MediaPipe follows a
person alone (raw one-pose VIDEO mode on the same clip, measured in the same test).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from mirror_app.tracking import PoseTracker, TrackerSettings
from mirror_app.tracking.landmarks import Pose
from mirror_app.tracking.person_tracks import PersonTracks, torso_center
from mirror_app.tracking.pose_estimator import EstimatorSettings, PoseEstimator
from tests.tracking.clips import Crossing, Cutout, SwayClip, read_rgb, still_jitter_rms, video_frame

pytestmark = [pytest.mark.model, pytest.mark.slow]

TORSO = [11, 12, 23, 24]
SETTLE = 20  # frames the tracker has to acquire and settle before stillness is measured


@dataclass(frozen=True)
class Track:
    xy: np.ndarray  # (frames, 33, 2), NaN where nobody
    ids: list[int | None]

    @property
    def found(self) -> np.ndarray:
        return ~np.isnan(self.xy[:, 0, 0])


def follow(clip: SwayClip, model: Path, **settings: object) -> Track:
    xs, ids = [], []
    with PoseTracker(TrackerSettings(model, segmentation=True, **settings)) as tracker:  # type: ignore[arg-type]
        for _, rgb, ts in clip.frames():
            main = tracker.process(rgb, ts).main
            xs.append(main.pose.xy if main is not None else np.full((33, 2), np.nan, np.float32))
            ids.append(main.track_id if main is not None else None)
    return Track(np.array(xs), ids)


def raw_one_pose(clip: SwayClip, model: Path) -> Track:
    """MediaPipe alone, asked for one pose, on the whole frame (what it does for a person alone)."""
    xs = []
    with PoseEstimator(EstimatorSettings(model, num_poses=1, segmentation=True)) as est:
        for _, rgb, ts in clip.frames():
            found = est.estimate(rgb, ts)
            xs.append(found[0].pose.xy if found else np.full((33, 2), np.nan, np.float32))
    return Track(np.array(xs), [0] * len(xs))


def jitter(track: Track, clip: SwayClip) -> float:
    return still_jitter_rms(track.xy[SETTLE : clip.still, TORSO])


def moving_error(track: Track, clip: SwayClip) -> float:
    """Median distance, while the picture sways, from where the tracker's own still landmarks
    are carried by the known motion (its fixed bias does not count, following the motion does)."""
    still = np.nanmean(track.xy[SETTLE : clip.still, TORSO], axis=0)
    errors = [
        np.linalg.norm(track.xy[i, TORSO] - clip.moved(still, i), axis=1)
        for i in range(clip.still, len(clip))
        if track.found[i]
    ]
    return float(np.median(np.concatenate(errors)))


def prominent(poses: list[Pose], wh: tuple[int, int]) -> Pose:
    return max(poses, key=lambda p: PersonTracks.prominence(p, wh))


def people_in(photo: np.ndarray, model: Path) -> list[Pose]:
    with PoseEstimator(EstimatorSettings(model, num_poses=6, video=False, min_detection_confidence=0.3)) as est:
        return [r.pose for r in est.estimate(photo, 0)]


@pytest.fixture(scope="module")
def photos(media: Path) -> dict[str, np.ndarray]:
    return {
        "three_women_front.jpg": read_rgb(media / "three_women_front.jpg"),
        "person_standing_livingroom.jpg": read_rgb(media / "person_standing_livingroom.jpg"),
        "street_walkers_720p50.avi frame 50": video_frame(media / "street_walkers_720p50.avi", 50),
    }


@pytest.mark.parametrize(
    "name", ["three_women_front.jpg", "person_standing_livingroom.jpg", "street_walkers_720p50.avi frame 50"]
)
def test_the_prominent_person_is_followed_as_steadily_as_mediapipe_follows_one(photos, model_path, name):
    photo = photos[name]
    clip = SwayClip(photo, noise=2.0)
    mirror, raw = follow(clip, model_path), raw_one_pose(clip, model_path)
    print(
        f"{name}: still jitter {jitter(mirror, clip):.2f} px (raw one pose {jitter(raw, clip):.2f}); "
        f"moving error {moving_error(mirror, clip):.2f} px (raw {moving_error(raw, clip):.2f}); "
        f"found {mirror.found.mean():.1%}"
    )
    assert mirror.found.mean() >= 0.98
    assert len({i for i in mirror.ids if i is not None}) == 1  # one shopper all along
    assert jitter(mirror, clip) <= 0.5
    assert moving_error(mirror, clip) <= moving_error(raw, clip) + 1.0
    # The person followed is the prominent one of the photo (as a still, IMAGE mode, sees them).
    wh = clip.size
    people = people_in(photo, model_path)
    main = prominent(people, wh)
    followed = np.nanmean(mirror.xy[: clip.still], axis=0)
    nearest = min(people, key=lambda p: float(np.linalg.norm(torso_center(p) - followed[TORSO].mean(axis=0))))
    assert nearest is main


@pytest.fixture(scope="module")
def passer_by(media: Path, model_path: Path) -> Cutout:
    """The standing man of the living-room photo, cut out by the model's mask: he will walk through
    another photo."""
    photo = read_rgb(media / "person_standing_livingroom.jpg")
    with PoseEstimator(EstimatorSettings(model_path, num_poses=4, segmentation=True, video=False)) as est:
        found = est.estimate(photo, 0)
    man = max(found, key=lambda r: r.pose.body_scale())
    assert man.mask is not None
    x0, y0, x1, y1 = (int(v) for v in man.pose.bbox())
    alpha = np.clip((man.mask - 0.3) / 0.4, 0, 1).astype(np.float32)
    ys, xs = np.nonzero(alpha > 0.5)
    box = slice(max(ys.min() - 2, 0), ys.max() + 3), slice(max(xs.min() - 2, 0), xs.max() + 3)
    return Cutout(photo[box], alpha[box])


@pytest.mark.parametrize("in_front", [True, False], ids=["in front", "behind"])
def test_a_passer_by_crossing_does_not_take_the_mirror(photos, model_path, passer_by, in_front):
    photo = photos["three_women_front.jpg"]
    people = people_in(photo, model_path)
    with PoseEstimator(EstimatorSettings(model_path, num_poses=4, segmentation=True, video=False)) as est:
        masks = [r.mask for r in est.estimate(photo, 0) if r.mask is not None]
    crossing = Crossing(
        passer_by,
        start_frame=30,
        frames=60,
        height_frac=1.0 if in_front else 0.6,
        y_bottom_frac=1.05 if in_front else 0.7,
        in_front=in_front,
    )
    clip = SwayClip(
        photo, still=20, moving=100, noise=2.0, crossings=(crossing,), people_mask=np.clip(sum(masks), 0, 1)
    )
    shopper = prominent(people, clip.size)
    track = follow(clip, model_path)
    wrong, hidden = [], []
    for i in range(len(clip)):
        truth = clip.moved(torso_center(shopper)[None], i)[0]
        if not track.found[i]:
            hidden.append(i)
            continue
        off = float(np.linalg.norm(track.xy[i, TORSO].mean(axis=0) - truth)) / shopper.body_scale()
        if off > 0.5:
            wrong.append(i)
    print(f"passer-by {'in front' if in_front else 'behind'}: frames without the shopper {hidden}")
    assert wrong == []  # never the passer-by, not for one frame
    assert len({i for i in track.ids if i is not None}) == 1  # the same shopper after they pass
    if in_front:
        # Hidden only while the passer-by covers them, then found again at once.
        assert all(crossing.start_frame <= i < crossing.start_frame + crossing.frames for i in hidden)
        assert len(hidden) <= 30
    else:
        assert len(hidden) <= 0.02 * len(clip)


def test_mirror_follows_one_pose_quality_on_the_street_video(media, model_path):
    """The real street video: the woman the camera follows, found on ≥ 98 % of frames, one identity.

    On its first frames she is hugging a friend: the detector sees the two as one person (the
    friend's head on her body), so the first choice can be that merged ghost, dropped within a few
    frames for her; from then on one identity."""
    import cv2

    cap = cv2.VideoCapture(str(media / "street_walkers_720p50.avi"))
    ids, noses = [], []
    with PoseTracker(TrackerSettings(model_path, segmentation=True)) as tracker:
        i = 0
        while True:
            ok, bgr = cap.read()
            if not ok:
                break
            main = tracker.process(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), i * 20).main
            ids.append(None if main is None else main.track_id)
            noses.append(None if main is None else main.pose.xy[0].copy())
            i += 1
    cap.release()
    assert i == 205
    found = [t for t in ids if t is not None]
    assert len(found) >= 0.98 * len(ids)
    assert len({t for t in ids[10:] if t is not None}) == 1
    assert 560 < noses[5][0] < 760 and 880 < noses[-1][0] < 1050


@pytest.mark.parametrize("name", ["three_women_front.jpg", "person_standing_livingroom.jpg"])
def test_the_shopper_mask_covers_the_shopper_and_nobody_else(photos, model_path, name):
    """The mask occlusion and sizing read: the whole frame, the shopper's torso in it, the torsos of
    the people beside them not (each of whom MediaPipe would call a person there)."""
    import cv2

    photo = photos[name]
    with PoseEstimator(EstimatorSettings(model_path, num_poses=6, segmentation=True, video=False)) as est:
        people = est.estimate(photo, 0)
    with PoseTracker(TrackerSettings(model_path, segmentation=True)) as tracker:
        for i in range(5):
            result = tracker.process(photo, i * 33)
    main = result.main
    assert main is not None and main.mask is not None
    h, w = main.mask.shape
    assert abs(w / h - photo.shape[1] / photo.shape[0]) < 0.01
    mask = cv2.resize(main.mask, (photo.shape[1], photo.shape[0]))
    for person in people:
        inside = np.zeros(photo.shape[:2], np.uint8)
        cv2.fillConvexPoly(inside, np.round(person.pose.xy[TORSO[:2] + TORSO[:1:-1]]).astype(np.int32), 1)
        on_them = float(mask[inside > 0].mean())
        assert person.mask is not None and float(person.mask[inside > 0].mean()) > 0.8  # a person there
        if np.linalg.norm(torso_center(person.pose) - torso_center(main.pose)) < 0.3 * main.pose.body_scale():
            assert on_them > 0.8
        else:
            assert on_them < 0.05
