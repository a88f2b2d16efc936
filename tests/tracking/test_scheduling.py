"""The tracker's decisions with a scripted scene and model: when it searches, whom it follows, how
it recovers. Everything is counted in frames, so the results do not depend on the machine."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from mirror_app.tracking.person_tracks import torso_center
from mirror_app.tracking.plausibility import pose_problem
from mirror_app.tracking.pose_tracker import PoseTracker, TrackerSettings
from tests.tracking.scene import FakeModel, Figure, draw, figure_box

RED, BLUE, GREEN = (200, 40, 40), (40, 60, 210), (40, 170, 60)
FPS_MS = 33


def tracker(model: FakeModel, **kw: object) -> PoseTracker:
    """The fake model reads exact colours: crops are not scaled (the real scaling is tested with the model)."""
    kw.setdefault("follow_long_side", 2000)
    return PoseTracker(TrackerSettings(Path("fake.task"), **kw), estimator_factory=model)  # type: ignore[arg-type]


def run(t: PoseTracker, scenes: list[list[Figure]]) -> list:
    return [t.process(draw(figures), i * FPS_MS) for i, figures in enumerate(scenes)]


def at(result, figure: Figure) -> bool:
    """The result's shopper is on ``figure``."""
    main = result.main
    if main is None:
        return False
    x0, y0, x1, y1 = figure_box(figure)
    cx, cy = torso_center(main.pose)
    return bool(x0 < cx < x1 and y0 < cy < y1)


def test_the_finder_runs_every_20_frames_while_the_shopper_is_followed():
    model = FakeModel()
    shopper = Figure(RED, 320, 300, 420)
    results = run(tracker(model), [[shopper]] * 60)
    searched = [i for i, r in enumerate(results) if r.searched]
    assert searched == [0, 20, 40]
    assert all(at(r, shopper) for r in results)
    assert model.calls("image:6") == 3 and model.calls("video:1") == 60  # the follower: every frame


def test_nobody_is_searched_for_every_3_frames_and_found_at_once():
    model = FakeModel()
    nobody: list[list[Figure]] = [[]] * 10
    comes = Figure(BLUE, 300, 280, 430)
    results = run(tracker(model), nobody + [[comes]] * 10)
    assert [i for i, r in enumerate(results) if r.searched][:4] == [0, 3, 6, 9]
    assert all(r.main is None and r.people == () for r in results[:10])
    first = next(i for i, r in enumerate(results) if r.main is not None)
    assert first <= 12 and all(at(r, comes) for r in results[first:])  # within 3 frames of stepping in


def test_a_friend_beside_the_shopper_never_takes_the_follower():
    """Two people side by side, the friend even a little bigger: the shopper stays the shopper."""
    model = FakeModel()
    shopper, friend = Figure(RED, 300, 300, 420), Figure(BLUE, 400, 330, 440)
    scenes = [[shopper]] * 5 + [[shopper, friend]] * 80
    results = run(tracker(model), scenes)
    ids = {r.main_track_id for r in results}
    assert len(ids) == 1 and all(at(r, shopper) for r in results)
    # The friend is known to the finder (as someone else), not dressed.
    assert any(p.track_id != results[-1].main_track_id for p in results[-1].people)


def test_someone_much_closer_takes_over_only_through_the_policy():
    model = FakeModel()
    far, near = Figure(RED, 200, 150, 300), Figure(BLUE, 420, 380, 470)
    results = run(tracker(model), [[far]] * 5 + [[far, near]] * 90)
    switched = next(i for i, r in enumerate(results) if at(r, near))
    # TrackingPolicy: 1.8× as prominent for 1.5 s; the finder sees it every 15 frames.
    assert 45 <= switched - 5 <= 75
    assert all(at(r, far) for r in results[:switched])


def test_the_shopper_leaves_and_the_next_one_is_found_within_a_second():
    model = FakeModel()
    shopper, next_one = Figure(RED, 250, 300, 420), Figure(GREEN, 450, 250, 400)
    scenes = [[shopper, next_one]] * 20 + [[next_one]] * 40 + [[]] * 20 + [[shopper]] * 20
    results = run(tracker(model), scenes)
    assert all(at(r, shopper) for r in results[:20])
    taken = next(i for i in range(20, 60) if at(results[i], next_one))
    assert taken - 20 <= 30  # 30 frames: a second at 30 fps
    assert all(r.main is None for r in results[62:80])  # nobody: a defined, empty result
    back = next(i for i in range(80, 100) if at(results[i], shopper))
    assert back - 80 <= 30  # the one who left is waited for a moment (the policy's grace), then anyone


def test_a_crowd_of_ten_and_people_cut_by_the_frame_edge_do_not_break_it():
    model = FakeModel()
    colours = [(30 + 20 * i, 200 - 15 * i, 60 + 17 * i) for i in range(10)]
    crowd = [Figure(c, 40 + 62 * i, 120 + 8 * (i % 3), 260 + 10 * (i % 2)) for i, c in enumerate(colours)]
    shopper = Figure(RED, 330, 330, 470)
    cut_left, cut_right = Figure(BLUE, 5, 300, 440), Figure(GREEN, 640, 260, 500)  # half out of the picture
    results = run(tracker(model), [[*crowd, cut_left, cut_right, shopper]] * 40)
    assert all(at(r, shopper) for r in results)
    assert len({r.main_track_id for r in results}) == 1
    assert max(len(r.people) for r in results) == 6  # the finder's limit; the shopper among them


def test_the_mask_covers_the_whole_frame_and_holds_only_the_shopper():
    model = FakeModel()
    shopper, friend = Figure(RED, 300, 300, 420), Figure(BLUE, 380, 300, 420)
    frame = draw([shopper, friend])
    t = tracker(model)
    for i in range(3):
        result = t.process(frame, i * FPS_MS)
    mask = result.main.mask
    assert mask is not None and mask.dtype == np.float32 and mask.min() >= 0.0 and mask.max() <= 1.0
    h, w = mask.shape
    assert abs(w / h - 640 / 480) < 0.01  # the frame's aspect: the whole frame
    up = np.kron(mask, np.ones((480 // h, 640 // w))) if (h, w) != (480, 640) else mask
    red = np.all(frame == RED, axis=2)
    blue = np.all(frame == BLUE, axis=2)
    assert up[red].mean() > 0.9 and up[blue].max() == 0.0  # the friend's pixels never enter it


def test_stills_are_unrelated_pictures():
    model = FakeModel()
    t = tracker(model, video=False, smoothing=None)
    a, b = Figure(RED, 200, 300, 420), Figure(BLUE, 450, 300, 420)
    first = t.process(draw([a]), 0)
    second = t.process(draw([b]), 0)
    assert at(first, a) and at(second, b)
    assert model.calls("video:1") == 0  # IMAGE mode only: nothing carried from one picture to the next


def test_an_impossible_pose_is_retried_on_a_padded_crop_before_it_is_used():
    model = FakeModel()
    shopper = Figure(RED, 320, 300, 420)
    t = tracker(model)
    t.process(draw([shopper]), 0)
    follower = model.made[1]  # the follower's VIDEO estimator (made on its first step)
    real = follower.estimate

    def collapsing(frame_rgb, timestamp_ms):
        found = real(frame_rgb, timestamp_ms)
        if found:
            xy = found[0].pose.xy.copy()
            xy[11] = xy[12] = (xy[11] + xy[12]) / 2  # both shoulders on one point
            found[0] = type(found[0])(type(found[0].pose)(xy, found[0].pose.visibility), found[0].mask)
        return found

    follower.estimate = collapsing  # type: ignore[method-assign]
    result = t.process(draw([shopper]), FPS_MS)
    assert result.main is not None and pose_problem(result.main.raw_pose) is None
    assert model.calls("image:1") >= 1  # the retry: a still-picture model on the padded crop


def test_a_source_whose_clock_starts_again_changes_nothing():
    """A camera reconnected mid-visit numbers its frames and milliseconds from 0 again."""
    model = FakeModel()
    shopper = Figure(RED, 320, 300, 420)
    t = tracker(model)
    first = [t.process(draw([shopper]), i * FPS_MS) for i in range(30)]
    again = [t.process(draw([shopper]), i * FPS_MS) for i in range(30)]
    assert all(at(r, shopper) for r in first + again)
    assert len({r.main_track_id for r in first + again}) == 1
    assert again[-1].timestamp_ms > first[-1].timestamp_ms
    assert [i for i, r in enumerate(first + again) if r.searched] == [0, 20, 40]
