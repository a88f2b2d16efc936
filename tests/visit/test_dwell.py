import pytest

from mirror_app.view.rect import Rect
from mirror_app.visit.dwell import DwellButtons, DwellSettings

BUTTONS = {"a": Rect(0, 0, 100, 100), "b": Rect(200, 0, 100, 100)}


def feed(dwell, points_per_step, start=0.0, step=1 / 30):
    pressed = []
    t = start
    for pts in points_per_step:
        pressed += dwell.update(BUTTONS, pts, t)
        t += step
    return pressed, t


def test_holding_a_hand_presses_after_the_dwell_time():
    dwell = DwellButtons(DwellSettings(dwell_s=0.8))
    pressed, _ = feed(dwell, [[(50, 50)]] * 22)  # 0.70 s
    assert pressed == [] and dwell.progress["a"] == pytest.approx(21 / 30 / 0.8, rel=0.01)
    pressed, _ = feed(dwell, [[(50, 50)]] * 4, start=22 / 30)
    assert pressed == ["a"]


def test_a_hand_passing_through_never_presses():
    dwell = DwellButtons(DwellSettings(dwell_s=0.8))
    # Sweeps across both buttons, 0.5 s on each, back and forth, for 4 s.
    path = ([[(50, 50)]] * 15 + [[(150, 50)]] * 5 + [[(250, 50)]] * 15 + [[(150, 50)]] * 5) * 3
    pressed, _ = feed(dwell, path)
    assert pressed == []


def test_pressed_button_rearms_only_after_the_hand_leaves():
    dwell = DwellButtons(DwellSettings(dwell_s=0.5))
    pressed, t = feed(dwell, [[(50, 50)]] * 60)  # 2 s on the button
    assert pressed == ["a"]
    pressed, t = feed(dwell, [[(500, 500)]] * 3 + [[(50, 50)]] * 20, start=t)
    assert pressed == ["a"]


def test_small_wobble_at_the_edge_does_not_reset_progress():
    dwell = DwellButtons(DwellSettings(dwell_s=0.8, exit_margin=20))
    wobble = [[(98, 50)], [(110, 50)]] * 13  # slips 10 px outside every other frame
    pressed, _ = feed(dwell, wobble)
    assert pressed == ["a"]


def test_either_hand_counts_and_progress_decays_when_gone():
    dwell = DwellButtons(DwellSettings(dwell_s=0.8, decay_s=0.25))
    _, t = feed(dwell, [[(900, 900), (250, 50)]] * 12)
    assert dwell.progress["b"] > 0.4
    feed(dwell, [[]] * 9, start=t)
    assert dwell.progress["b"] == 0.0
