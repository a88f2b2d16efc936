"""The staff PIN: stored only as a salted hash, with lockout after repeated wrong tries."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

ALGORITHM = "pbkdf2_sha256"
ITERATIONS = 200_000
DEFAULT_PIN = "0000"  # doctor and the self-test warn while this is in use


def hash_pin(pin: str, *, salt: bytes | None = None, iterations: int = ITERATIONS) -> str:
    """``pbkdf2_sha256$iterations$salt$hash`` for a PIN of digits."""
    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        raise ValueError("a staff PIN is 4 to 12 digits")
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"{ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    try:
        algorithm, iterations, salt_hex, digest_hex = stored.split("$")
        if algorithm != ALGORITHM:
            return False
        digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), bytes.fromhex(salt_hex), int(iterations))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def is_valid_hash(stored: str) -> bool:
    parts = stored.split("$")
    if len(parts) != 4 or parts[0] != ALGORITHM or not parts[1].isdigit():
        return False
    try:
        bytes.fromhex(parts[2])
        bytes.fromhex(parts[3])
    except ValueError:
        return False
    return True


@dataclass
class PinLock:
    """Checks PIN entries; after ``max_tries`` wrong ones it refuses for ``lockout_s`` (doubling)."""

    stored_hash: str
    max_tries: int = 5
    lockout_s: float = 60.0
    _failures: int = 0
    _locked_until: float = 0.0
    _lockouts: int = field(default=0)

    def locked(self, now: float) -> bool:
        return now < self._locked_until

    def seconds_left(self, now: float) -> float:
        return max(0.0, self._locked_until - now)

    def try_pin(self, pin: str, now: float) -> bool:
        if self.locked(now):
            return False
        if verify_pin(pin, self.stored_hash):
            self._failures = 0
            self._lockouts = 0
            return True
        self._failures += 1
        if self._failures >= self.max_tries:
            self._locked_until = now + self.lockout_s * (2**self._lockouts)
            self._lockouts += 1
            self._failures = 0
        return False
