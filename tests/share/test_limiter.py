"""The per-phone budget: a burst, then a steady rate; other phones are not affected."""

from __future__ import annotations

from mirror_app.share import ClientLimiter

from .conftest import FakeClock


def test_a_burst_is_allowed_then_refused_until_the_budget_refills():
    clock = FakeClock()
    limiter = ClientLimiter(burst=5, per_s=1.0, clock=clock)
    assert [limiter.allow("10.0.0.5") for _ in range(7)] == [True] * 5 + [False] * 2
    assert limiter.retry_after("10.0.0.5") == 1
    clock.advance(1.0)
    assert limiter.allow("10.0.0.5") and not limiter.allow("10.0.0.5")
    clock.advance(100)  # the budget refills to the burst, never beyond
    assert sum(limiter.allow("10.0.0.5") for _ in range(10)) == 5


def test_each_phone_has_its_own_budget():
    clock = FakeClock()
    limiter = ClientLimiter(burst=3, per_s=0.1, clock=clock)
    for _ in range(10):
        limiter.allow("10.0.0.5")
    assert limiter.allow("10.0.0.6")


def test_the_number_of_phones_remembered_is_bounded():
    limiter = ClientLimiter(burst=1, per_s=0.0, clock=FakeClock(), max_clients=50)
    assert limiter.allow("first") and not limiter.allow("first")
    for i in range(100):
        limiter.allow(f"10.0.{i}.1")
    assert len(limiter._buckets) == 50
    assert limiter.allow("first")  # forgotten, so it starts with a full budget again
