"""What an owner should check on an imported item: "check these" notes, kept in the item's JSON.

An import that had to guess (a low-confidence anchor, a cut-out that may have lost part of the
garment) still makes the item, but says so in a ``ReviewNote``. The notes travel in item.json as
the optional ``"review"`` list, so ``validate`` and the editor show the same list the import printed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CUTOUT = "cut-out"  # the subject of notes about the cut-out (other subjects are anchor names)
MAX_NOTES = 50
MAX_TEXT = 300


@dataclass(frozen=True)
class ReviewNote:
    """One thing to check: on what (an anchor name, or "cut-out"), why, and what to do, in plain words."""

    subject: str
    reason: str
    fix: str

    def __str__(self) -> str:
        return f"{self.subject}: {self.reason}; {self.fix}"


class ReviewFormatError(ValueError):
    """The ``"review"`` list of an item.json is not a list of {subject, reason, fix} texts."""


def to_json(notes: Iterable[ReviewNote]) -> list[dict[str, str]]:
    """The ``"review"`` list of item.json."""
    return [{"subject": n.subject, "reason": n.reason, "fix": n.fix} for n in notes]


def from_json(value: Any) -> tuple[ReviewNote, ...]:
    """Read an item.json ``"review"`` list (absent: ``None`` → no notes); raises ReviewFormatError."""
    if value is None:
        return ()
    if not isinstance(value, list) or len(value) > MAX_NOTES:
        raise ReviewFormatError(f'"review" must be a list of at most {MAX_NOTES} notes')
    notes = []
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != {"subject", "reason", "fix"}:
            raise ReviewFormatError('each "review" note must be {"subject": …, "reason": …, "fix": …}')
        texts = [entry["subject"], entry["reason"], entry["fix"]]
        if not all(isinstance(t, str) and 0 < len(t) <= MAX_TEXT for t in texts):
            raise ReviewFormatError(f'"review" notes hold texts of 1 to {MAX_TEXT} characters')
        notes.append(ReviewNote(*texts))
    return tuple(notes)
