"""The catalog editor's anchor edits as plain values: add, move, remove, undo, redo, revert.

The Qt editor only paints this model and forwards clicks to it, so every rule (what may be
added, what one undo step is, what "revert" goes back to, which "check these" notes are still
open) is tested without a window. The state the owner can always go back to is the item as the
importer made it, kept beside ``item.json`` in ``imported.json``; an item that never had one
(hand-made, or imported before it existed) goes back to how it was when the editor opened it,
and the editor's first save keeps that state there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..domain import Category
from ..overlay.categories import CATEGORY_SPECS
from . import review as review_json
from .review import ReviewNote

IMPORTED_FILE = "imported.json"  # beside item.json: the anchors and notes as first imported

Point = tuple[float, float]
Anchors = dict[str, Point]


def read_anchors(raw: Any) -> Anchors:
    """The well-formed ``name: [x, y]`` entries of a raw ``anchors`` object (others left out:
    the loader's verdict says what is wrong with them)."""
    out: Anchors = {}
    if isinstance(raw, Mapping):
        for k, v in raw.items():
            if isinstance(v, list | tuple) and len(v) == 2 and all(_number(c) for c in v):
                out[str(k)] = (float(v[0]), float(v[1]))
    return out


def read_review(raw: Any) -> tuple[ReviewNote, ...]:
    """The readable entries of a raw ``review`` list (``{"subject", "reason", "fix"}`` each);
    lenient, unlike the loader, so an item with one bad note can still be opened and fixed."""
    notes: list[ReviewNote] = []
    if isinstance(raw, list):
        for entry in raw:
            if isinstance(entry, Mapping) and all(isinstance(entry.get(k), str) for k in ("subject", "reason", "fix")):
                notes.append(ReviewNote(str(entry["subject"]), str(entry["reason"]), str(entry["fix"])))
    return tuple(notes)


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _partner(name: str) -> str | None:
    if name.startswith("left_"):
        return "right_" + name[5:]
    if name.startswith("right_"):
        return "left_" + name[6:]
    return None


@dataclass(frozen=True)
class _State:
    anchors: tuple[tuple[str, Point], ...]
    touched: frozenset[str]  # anchors the owner added, moved or removed (their notes are settled)
    checked: frozenset[str]  # notes the owner marked as looked at without moving anything
    review: tuple[ReviewNote, ...]  # the item's "check these" notes

    @property
    def as_dict(self) -> Anchors:
        return dict(self.anchors)


class AnchorEdits:
    """One item's anchors while the owner edits them, with an undo history.

    ``imported`` (and ``imported_review``) is what ``revert`` returns to; ``review`` the item's
    "check these" notes as it was opened.
    Coordinates are picture pixels, clamped to the ``wh`` picture.
    """

    def __init__(
        self,
        category: Category | None,
        anchors: Mapping[str, Point],
        wh: tuple[int, int],
        *,
        imported: Mapping[str, Point] | None = None,
        review: tuple[ReviewNote, ...] = (),
        imported_review: tuple[ReviewNote, ...] | None = None,
    ) -> None:
        self.category = category
        self.wh = wh
        self.imported: Anchors = dict(imported if imported is not None else anchors)
        self.imported_review = imported_review if imported_review is not None else review
        self._state = _State(tuple(anchors.items()), frozenset(), frozenset(), review)
        self._undo: list[_State] = []
        self._redo: list[_State] = []
        self._drag_start: _State | None = None

    # -- reading ----------------------------------------------------------------------------------

    @property
    def anchors(self) -> Anchors:
        return self._state.as_dict

    @property
    def allowed(self) -> tuple[str, ...]:
        """Every anchor name this item's category takes, in the category's order."""
        return CATEGORY_SPECS[self.category].allowed if self.category is not None else ()

    def addable(self) -> tuple[str, ...]:
        """Anchor names the category takes that the item does not have yet."""
        have = self._state.as_dict
        return tuple(n for n in self.allowed if n not in have)

    def open_checks(self) -> tuple[ReviewNote, ...]:
        """The "check these" notes the owner has not settled yet (by moving, adding or removing
        the anchor, or marking the note as checked)."""
        done = self._state.touched | self._state.checked
        return tuple(n for n in self._state.review if n.subject not in done)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    @property
    def is_imported(self) -> bool:
        """The anchors are exactly as imported (nothing to revert)."""
        return self._state.as_dict == self.imported

    def suggest(self, name: str) -> Point:
        """Where a newly added anchor starts, for the owner to drag into place: its partner on
        the other side mirrored about the garment's middle, else the middle of the picture."""
        have = self._state.as_dict
        w, h = self.wh
        mid = self._middle_x(have)
        other = _partner(name)
        if other is not None and other in have:
            x, y = have[other]
            return self._clamp((2 * mid - x, y))
        if name == "hem" and have:
            return self._clamp((mid, max(y for _x, y in have.values())))
        if name == "crotch" and "left_hip" in have and "right_hip" in have:
            hip_y = (have["left_hip"][1] + have["right_hip"][1]) / 2
            hip_w = abs(have["left_hip"][0] - have["right_hip"][0])
            return self._clamp((mid, hip_y + 0.6 * hip_w))
        side = 0.15 * w if name.startswith("left_") else -0.15 * w if name.startswith("right_") else 0.0
        return self._clamp((mid + side, h / 2))

    def _middle_x(self, have: Anchors) -> float:
        if "neck" in have:
            return have["neck"][0]
        pairs = [(have[n][0] + have[p][0]) / 2 for n in have if n.startswith("left_") and (p := _partner(n)) in have]
        return sum(pairs) / len(pairs) if pairs else self.wh[0] / 2

    def _clamp(self, p: Point) -> Point:
        w, h = self.wh
        return (round(min(max(p[0], 0.0), float(w)), 1), round(min(max(p[1], 0.0), float(h)), 1))

    # -- changing ---------------------------------------------------------------------------------

    def _push(self, new: _State) -> None:
        if new == self._state:
            return
        self._undo.append(self._state)
        self._redo.clear()
        self._state = new

    def _with(self, anchors: Anchors, touched: str | None = None) -> _State:
        t = self._state.touched | {touched} if touched else self._state.touched
        return _State(tuple(anchors.items()), frozenset(t), self._state.checked, self._state.review)

    def add(self, name: str, at: Point | None = None) -> Point:
        """Add anchor ``name`` (at ``at``, else where ``suggest`` puts it); returns its place."""
        if name not in self.allowed:
            what = self.category.value if self.category else "item of unknown category"
            raise ValueError(f'a {what} has no anchor "{name}"')
        if name in self._state.as_dict:
            raise ValueError(f'the item already has "{name}"')
        p = self._clamp(at if at is not None else self.suggest(name))
        anchors = self._state.as_dict
        anchors[name] = p
        self._push(self._with(anchors, name))
        return p

    def move(self, name: str, to: Point) -> None:
        """Move anchor ``name`` to ``to`` (one undo step, unless inside a drag)."""
        anchors = self._state.as_dict
        if name not in anchors:
            raise KeyError(name)
        anchors[name] = self._clamp(to)
        new = self._with(anchors, name)
        if self._drag_start is not None:
            self._state = new  # the drag's start is pushed once, when it ends
        else:
            self._push(new)

    def remove(self, name: str) -> None:
        anchors = self._state.as_dict
        if name not in anchors:
            raise KeyError(name)
        del anchors[name]
        self._push(self._with(anchors, name))

    def mark_checked(self, subject: str) -> None:
        """The owner looked at ``subject`` and it is right as it is."""
        s = self._state
        self._push(_State(s.anchors, s.touched, s.checked | {subject}, s.review))

    def begin_drag(self) -> None:
        """Start a drag: every move until ``end_drag`` is one undo step."""
        self._drag_start = self._state

    def end_drag(self) -> None:
        start, self._drag_start = self._drag_start, None
        if start is not None and start != self._state:
            self._undo.append(start)
            self._redo.clear()

    def undo(self) -> bool:
        if not self._undo:
            return False
        self._redo.append(self._state)
        self._state = self._undo.pop()
        return True

    def redo(self) -> bool:
        if not self._redo:
            return False
        self._undo.append(self._state)
        self._state = self._redo.pop()
        return True

    def revert(self) -> None:
        """Back to the anchors (and open notes) as imported; itself one undo step."""
        self._push(_State(tuple(self.imported.items()), frozenset(), frozenset(), self.imported_review))

    # -- writing ----------------------------------------------------------------------------------

    def anchors_json(self) -> dict[str, list[float]]:
        return {k: [x, y] for k, (x, y) in self._state.anchors}

    def review_json(self) -> list[dict[str, str]]:
        return review_json.to_json(self.open_checks())

    def imported_json(self) -> dict[str, Any]:
        """What ``imported.json`` holds: the state ``revert`` goes back to."""
        return {
            "anchors": {k: [x, y] for k, (x, y) in self.imported.items()},
            "review": review_json.to_json(self.imported_review),
        }
