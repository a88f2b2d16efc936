"""Anchors as the finders place them, each with a confidence, and the owner's "check these"
notes for the uncertain or missing ones, worded with the fix.

A note is only ever written about what the item really holds: "placed from the proportions"
only for an anchor that was placed, "no elbow" only when there is none.
"""

from __future__ import annotations

from ..domain import Fit
from .review import ReviewNote
from .silhouette import Anchors, Detection, Vec

LOW_CONFIDENCE = 0.5  # below this an anchor goes on the "check these" list
EDIT = "open `mirror-app catalog edit`"

# Where each anchor belongs, in an owner's words (docs/catalog.md), for the fix of a note.
WHERE: dict[str, str] = {
    "neck": "the centre front of the neckline, its lowest point",
    "shoulder": "the shoulder line, a little in from where the shoulder seam ends",
    "shoulder_seam": "the outer end of the shoulder seam, on the top edge",
    "collar": "the neckline's top corner, where it meets the shoulder line",
    "armpit": "the corner under the sleeve, where sleeve and body meet",
    "elbow": "the elbow, on the middle line of the sleeve",
    "wrist": "the middle of the sleeve's opening",
    "cuff": "the middle of the sleeve's (or trouser leg's) opening",
    "strap": "the middle of the strap's top end",
    "hip": "one fifth of the width in from the side, at the top of the thigh",
    "knee": "the knee, on the middle line of the leg (dresses: a quarter of the width in)",
    "ankle": "the middle of the trouser leg's opening",
    "waist": "the waistband's top corner",
    "hem": "the middle of the bottom edge",
    "crotch": "where the legs' inside edges meet",
}


def words(name: str) -> str:
    """An anchor's name as words: left_shoulder_seam → left shoulder seam."""
    return name.replace("_", " ")


def part(name: str) -> str:
    return name.removeprefix("left_").removeprefix("right_")


def drag_fix(name: str) -> str:
    return f"{EDIT} and drag the {words(name)} dot to {WHERE.get(part(name), 'its place')}"


def add_fix(name: str) -> str:
    return (
        f"{EDIT}, choose {words(name)} in the Add list, press Add and drag the new dot to "
        f"{WHERE.get(part(name), 'its place')}"
    )


class Findings:
    """What a finder has placed so far: anchors, their confidences and the notes."""

    def __init__(self) -> None:
        self.anchors: Anchors = {}
        self.confidence: dict[str, float] = {}
        self.review: list[ReviewNote] = []
        self.notes: list[str] = []

    def put(
        self,
        name: str,
        xy: Vec | tuple[float, float],
        confidence: float,
        why: str = "",
        fix: str = "",
        *,
        required: bool = False,
    ) -> None:
        """Place ``name`` at ``xy``; a low ``confidence`` puts it on the list with ``why`` (and
        ``fix``, else "drag the dot to where it belongs").

        A low optional anchor (an outline mark, an elbow) is left out instead: the mirror then
        measures that part from the picture itself, which is better than following a wrong dot,
        and the note says the item has no such dot. Required anchors are always written.
        """
        c = float(min(max(confidence, 0.0), 1.0))
        self.review = [n for n in self.review if n.subject != name]
        reason = why or f"the {words(name)} was hard to see in the photo"
        if c < LOW_CONFIDENCE and not required:
            self.anchors.pop(name, None)
            self.confidence.pop(name, None)
            left_out = f"{reason}, so the item has no {words(name)} dot (the mirror measures it from the picture)"
            self.review.append(ReviewNote(name, left_out, fix or add_fix(name)))
            return
        self.anchors[name] = (float(xy[0]), float(xy[1]))
        self.confidence[name] = round(c, 2)
        if c < LOW_CONFIDENCE:
            self.review.append(ReviewNote(name, reason, fix or drag_fix(name)))

    def missing(self, name: str, why: str, fix: str = "") -> None:
        """``name`` could not be placed at all: say so, and how to add it."""
        self.review.append(ReviewNote(name, why, fix or add_fix(name)))

    def has(self, name: str) -> bool:
        return name in self.anchors

    def detection(self, fit: Fit = Fit.LEGS) -> Detection:
        order = {n: i for i, n in enumerate(self.anchors)}
        review = tuple(sorted(self.review, key=lambda n: order.get(n.subject, len(order))))
        return Detection(dict(self.anchors), fit, tuple(self.notes), dict(self.confidence), review)
