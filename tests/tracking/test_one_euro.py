import math

import numpy as np
import pytest

from mirror_app.tracking.one_euro import LowPassFilter, OneEuroFilter, OneEuroSettings


def test_first_value_passes_through_and_constant_input_stays_put():
    f = OneEuroFilter()
    assert f([3.0, 4.0], 0).tolist() == [3.0, 4.0]
    for t in range(1, 20):
        np.testing.assert_allclose(f([3.0, 4.0], t * 33), [3.0, 4.0])


def test_one_step_matches_the_formula_by_hand():
    s = OneEuroSettings(min_cutoff=1.0, beta=0.0, derivative_cutoff=1.0)
    f = OneEuroFilter(s)
    f([0.0], 0)
    out = f([10.0], 100)  # dt = 0.1 s; cutoff 1 Hz → tau = 1/(2π); alpha = 1/(1 + tau/dt)
    alpha = 1 / (1 + (1 / (2 * math.pi)) / 0.1)
    assert out[0] == pytest.approx(10 * alpha, rel=1e-6)


def test_fast_motion_follows_with_little_lag_while_slow_noise_is_smoothed(rng):
    f = OneEuroFilter()
    # A still person 400 px tall with 1.5 px of noise: frame-to-frame motion (visible jitter) drops.
    noisy = 100 + rng.normal(0, 1.5, 200)
    out = np.array([f([v], i * 33, scale=400.0)[0] for i, v in enumerate(noisy)])
    assert np.abs(np.diff(out[50:])).mean() < 0.4 * np.abs(np.diff(noisy[50:])).mean()
    # A fast move (10 px per frame for a 100 px object) is tracked closely.
    f.reset()
    xs = np.arange(60) * 10.0
    out = np.array([f([x], i * 33, scale=100.0)[0] for i, x in enumerate(xs)])
    assert abs(out[-1] - xs[-1]) < 15


def test_reset_forgets_the_past():
    f = OneEuroFilter()
    f([0.0], 0)
    f([0.0], 33)
    f.reset()
    assert f([50.0], 66)[0] == 50.0


def test_repeated_timestamp_returns_last_output():
    f = OneEuroFilter()
    f([1.0], 10)
    assert f([99.0], 10)[0] == 1.0


def test_shape_change_is_refused():
    f = OneEuroFilter()
    f(np.zeros((33, 2)), 0)
    with pytest.raises(ValueError, match="expected shape"):
        f(np.zeros((10, 2)), 33)


def test_low_pass_visibility():
    lp = LowPassFilter(0.5)
    assert lp([1.0])[0] == 1.0
    assert lp([0.0])[0] == 0.5
    with pytest.raises(ValueError):
        LowPassFilter(0.0)
