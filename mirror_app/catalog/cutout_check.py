"""Is the cut-out the garment? The cut-out compared with the saliency model's idea of the object.

A colour cut-out fails quietly: a white tee on a white backdrop leaves its print, a grey
cardigan leaves its green band. The saliency map (``saliency``) sees the object whatever its
colour, so a cut-out that keeps much less of the salient object than the map holds has lost part
of the garment, and one that holds much more than it has taken in backdrop or shadow. Either is
refused (clearly wrong) or flagged for the owner to look at ("check these"), never accepted
silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from .photo import ImportProblem
from .review import CUTOUT, ReviewNote

F32 = npt.NDArray[np.float32]
Bool = npt.NDArray[np.bool_]

SALIENT = 0.5  # the map's value from which a pixel is the object
MIN_OBJECT = 0.01  # of the photo: a smaller salient object means the map found nothing to compare
REFUSE_KEPT = 0.6  # a cut-out keeping less of the object than this is refused
FLAG_KEPT = 0.9  # …less than this is flagged
FLAG_EXTRA = 0.12  # a cut-out with more than this share outside the object (widened) is flagged
REFUSE_EXTRA = 0.45  # …more than this is refused: the cut-out is mostly not the garment
EXTRA_MARGIN = 0.02  # of the object's size: the map's edge is soft; this much beyond it is not extra


@dataclass(frozen=True)
class CutoutCheck:
    """How the cut-out and the salient object overlap (shares of pixels)."""

    kept: float  # of the salient object, the share the cut-out keeps
    extra: float  # of the cut-out, the share lying outside the (slightly widened) salient object
    object_share: float  # of the photo, the share the salient object covers

    @property
    def comparable(self) -> bool:
        return self.object_share >= MIN_OBJECT


def compare(mask: Bool, salient: F32) -> CutoutCheck:
    """Overlap of a cut-out ``mask`` (H, W bool) and a saliency map (H, W float in [0, 1])."""
    if mask.shape != salient.shape:
        raise ValueError(f"expected mask and saliency of one shape, got {mask.shape} and {salient.shape}")
    obj = salient >= SALIENT
    n_obj = int(obj.sum())
    n_mask = int(mask.sum())
    if n_obj == 0 or n_mask == 0:
        return CutoutCheck(kept=0.0, extra=1.0 if n_mask else 0.0, object_share=n_obj / obj.size)
    ys, xs = np.nonzero(obj)
    r = max(1, round(EXTRA_MARGIN * max(int(np.ptp(xs)), int(np.ptp(ys)))))
    near = cv2.dilate((salient >= 0.2).astype(np.uint8), cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * r + 1,) * 2))
    kept = float((mask & obj).sum()) / n_obj
    extra = float((mask & (near == 0)).sum()) / n_mask
    return CutoutCheck(kept=kept, extra=extra, object_share=n_obj / obj.size)


def judge(check: CutoutCheck) -> tuple[ReviewNote, ...]:
    """Refuse (``ImportProblem``) a cut-out that is clearly not the garment; the notes for one
    that may not be; nothing for one that matches the salient object.
    """
    if not check.comparable:
        return (
            ReviewNote(
                CUTOUT,
                "the cut-out could not be checked (the photo has no clear main object)",
                "compare the item with the photo in catalog edit",
            ),
        )
    if check.kept < REFUSE_KEPT:
        raise ImportProblem(
            f"the cut-out lost most of the garment (it kept {check.kept:.0%}): much of the garment has the "
            "background's colour",
            "photograph it again on a background of another colour (light blue or beige paper for a white or "
            "grey garment, white for a dark one)",
        )
    if check.extra > REFUSE_EXTRA:
        raise ImportProblem(
            f"the cut-out is mostly not the garment ({check.extra:.0%} of it is background or shadow)",
            "photograph the garment alone on a plain background, lit evenly so that it casts no dark shadow",
        )
    notes = []
    if check.kept < FLAG_KEPT:
        notes.append(
            ReviewNote(
                CUTOUT,
                f"part of the garment may be missing (the cut-out kept {check.kept:.0%} of it): parts with the "
                "background's colour can be taken for background",
                "compare the item with the photo in catalog edit; if a part is missing, photograph it again on a "
                "background of another colour",
            )
        )
    if check.extra > FLAG_EXTRA:
        notes.append(
            ReviewNote(
                CUTOUT,
                f"the cut-out may hold more than the garment ({check.extra:.0%} of it looks like background, "
                "a shadow or a hanger)",
                "compare the item with the photo in catalog edit; if it does, photograph the garment alone, lit evenly",
            )
        )
    return tuple(notes)
