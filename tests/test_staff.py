import pytest

from mirror_app.staff import PinLock, hash_pin, is_valid_hash, verify_pin


def test_pin_is_stored_salted_and_verified():
    a, b = hash_pin("2580"), hash_pin("2580")
    assert a != b  # salted
    assert "2580" not in a and is_valid_hash(a)
    assert verify_pin("2580", a) and not verify_pin("2581", a)
    assert not verify_pin("2580", "garbage") and not is_valid_hash("pbkdf2_sha256$x$y$z")


@pytest.mark.parametrize("bad", ["", "12", "abcd", "1234567890123"])
def test_pins_are_4_to_12_digits(bad):
    with pytest.raises(ValueError):
        hash_pin(bad)


def test_lockout_after_wrong_tries_and_it_doubles():
    lock = PinLock(hash_pin("2580", iterations=1000), max_tries=3, lockout_s=60)
    for _ in range(3):
        assert not lock.try_pin("0000", now=0)
    assert lock.locked(1) and not lock.try_pin("2580", now=1)  # even the right PIN waits
    assert lock.seconds_left(0) == pytest.approx(60)
    for _ in range(3):
        lock.try_pin("0000", now=61)
    assert lock.seconds_left(61) == pytest.approx(120)  # a second lockout lasts twice as long
    assert lock.try_pin("2580", now=182) and not lock.locked(182)
    for _ in range(3):
        lock.try_pin("0000", now=200)
    assert lock.seconds_left(200) == pytest.approx(60)  # a success resets the doubling
