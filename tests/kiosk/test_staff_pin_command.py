"""`mirror-app staff-pin`: a salted hash to paste into the configuration, never the PIN itself."""

from __future__ import annotations

import tomllib

import pytest

from mirror_app.cli import main
from mirror_app.staff import PinLock, is_valid_hash, verify_pin


def hash_from(out: str) -> str:
    line = out.strip()
    assert line.startswith('pin_hash = "') and line.count("\n") == 0
    return tomllib.loads(line)["pin_hash"]


def test_pin_from_stdin_prints_one_pasteable_line(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("482916\n"))
    assert main(["staff-pin", "--pin-stdin"]) == 0
    captured = capsys.readouterr()
    stored = hash_from(captured.out)
    assert is_valid_hash(stored) and verify_pin("482916", stored) and "482916" not in captured.out
    assert "under [staff]" in captured.err


def test_prompted_pin_is_asked_twice_without_echo(monkeypatch, capsys):
    answers = iter(["2580", "2580"])
    prompts: list[str] = []
    monkeypatch.setattr("getpass.getpass", lambda prompt: prompts.append(prompt) or next(answers))
    assert main(["staff-pin"]) == 0
    assert len(prompts) == 2 and verify_pin("2580", hash_from(capsys.readouterr().out))


def test_different_pins_make_nothing(monkeypatch, capsys):
    answers = iter(["2580", "2581"])
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(answers))
    assert main(["staff-pin"]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and "the two PINs differ" in captured.err


@pytest.mark.parametrize("pin", ["12", "abcd", "1234567890123", ""])
def test_bad_pins_are_refused_with_the_rule(monkeypatch, capsys, pin):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(pin + "\n"))
    assert main(["staff-pin", "--pin-stdin"]) == 2
    assert "4 to 12 digits" in capsys.readouterr().err


def test_the_printed_hash_locks_out_after_wrong_tries(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO("7391\n"))
    main(["staff-pin", "--pin-stdin"])
    lock = PinLock(hash_from(capsys.readouterr().out), max_tries=2, lockout_s=30)
    assert not lock.try_pin("0000", now=0) and not lock.try_pin("1111", now=1)
    assert lock.locked(2) and not lock.try_pin("7391", now=2)
    assert lock.try_pin("7391", now=32)
