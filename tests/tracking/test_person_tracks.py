import numpy as np

from mirror_app.tracking.person_tracks import PersonTracks, TrackingPolicy
from tests.synthetic import FRAME_WH, transformed_pose


def _at(dx: float, scale: float = 1.0):
    return transformed_pose(np.array([[scale, 0, dx + 320 * (1 - scale)], [0, scale, 480 * (1 - scale)]]))


def test_ids_follow_people_across_frames_regardless_of_order():
    tracks = PersonTracks()
    a, b = _at(-150, 0.6), _at(150, 0.6)
    ids0 = tracks.update([a, b], 0, FRAME_WH)
    ids1 = tracks.update([_at(148, 0.6), _at(-147, 0.6)], 33, FRAME_WH)
    assert ids1 == [ids0[1], ids0[0]]


def test_main_shopper_is_the_prominent_central_person():
    tracks = PersonTracks()
    ids = tracks.update([_at(250, 0.4), _at(0, 0.9)], 0, FRAME_WH)
    assert tracks.main_id == ids[1]


def test_passer_by_crossing_behind_does_not_take_over():
    tracks = PersonTracks()
    shopper = _at(0, 0.8)
    main = tracks.update([shopper], 0, FRAME_WH)[0]
    for i in range(1, 60):  # a smaller person walks across behind, for two seconds
        tracks.update([shopper, _at(-300 + 10 * i, 0.5)], i * 33, FRAME_WH)
        assert tracks.main_id == main


def test_short_loss_keeps_the_shopper_then_someone_else_is_chosen():
    policy = TrackingPolicy(main_grace_ms=500)
    tracks = PersonTracks(policy)
    main = tracks.update([_at(0, 0.8)], 0, FRAME_WH)[0]
    other = _at(200, 0.5)
    tracks.update([other], 100, FRAME_WH)  # shopper missed for one frame
    assert tracks.main_id == main
    tracks.update([_at(0, 0.8), other], 200, FRAME_WH)
    assert tracks.main_id == main
    for t in range(300, 1000, 100):
        tracks.update([other], t, FRAME_WH)
    assert tracks.main_id != main and tracks.main_id is not None


def test_a_much_closer_person_takes_over_only_after_a_while():
    policy = TrackingPolicy(takeover_ratio=1.8, takeover_ms=1500)
    tracks = PersonTracks(policy)
    main = tracks.update([_at(0, 0.3)], 0, FRAME_WH)[0]
    for t in range(33, 1400, 33):
        tracks.update([_at(0, 0.3), _at(100, 0.9)], t, FRAME_WH)
    assert tracks.main_id == main
    for t in range(1400, 2000, 33):
        tracks.update([_at(0, 0.3), _at(100, 0.9)], t, FRAME_WH)
    assert tracks.main_id != main


def test_nobody_for_longer_than_grace_clears_the_shopper():
    tracks = PersonTracks(TrackingPolicy(main_grace_ms=300))
    tracks.update([_at(0)], 0, FRAME_WH)
    tracks.update([], 100, FRAME_WH)
    assert tracks.main_id is not None
    tracks.update([], 500, FRAME_WH)
    assert tracks.main_id is None
