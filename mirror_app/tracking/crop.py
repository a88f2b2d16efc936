"""The picture the follower sees: a crop around the shopper that moves only when it must.

MediaPipe's VIDEO mode tracks a person by feeding each frame's landmarks back as the next
frame's region of interest, in the coordinates of the image it is given. A crop that followed
the body every frame would shift those coordinates under it; this one stays put while the body
stays well inside it (hysteresis), so the model's own tracking stays consistent, and other people
in the frame are mostly outside it.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from .landmarks import FloatArray, Landmark, Pose

_TORSO = [Landmark.LEFT_SHOULDER, Landmark.RIGHT_SHOULDER, Landmark.LEFT_HIP, Landmark.RIGHT_HIP]

U8Image = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Box:
    """An integer pixel rectangle [x0, x1) × [y0, y1)."""

    x0: int
    y0: int
    x1: int
    y1: int

    @property
    def w(self) -> int:
        return self.x1 - self.x0

    @property
    def h(self) -> int:
        return self.y1 - self.y0


@dataclass(frozen=True)
class CropSettings:
    """The crop in torso sizes (``torso_size``: shoulders to hips) around the torso centre. A
    standing adult is about 3.4 torso sizes tall, the head's top 1.1 above the torso centre and the
    feet 2.3 below; the crop leaves room around that for raised arms and steps."""

    half_width: float = 1.7
    above: float = 1.7
    below: float = 2.9
    keep_shift: float = 0.2  # the torso may move this far (torso sizes) before the crop follows
    keep_scale: float = 0.2  # the body may grow or shrink this much (log) before the crop follows
    long_side: int = 640  # the crop is scaled down to this before the model sees it


def torso_size(pose: Pose) -> float:
    """Shoulders-to-hips distance, or 1.4 shoulder widths when the body bends towards the camera:
    a size that barely changes as the person turns (unlike the shoulder width alone)."""
    xy = pose.xy.astype(np.float64)
    torso = float(np.linalg.norm((xy[_TORSO[0]] + xy[_TORSO[1]]) / 2 - (xy[_TORSO[2]] + xy[_TORSO[3]]) / 2))
    return max(torso, 1.4 * pose.shoulder_width(), 4.0)


def ideal_crop(center: tuple[float, float], scale: float, frame_wh: tuple[int, int], s: CropSettings) -> Box:
    """The crop for a body at ``center`` of size ``scale``, moved (not cut) to lie in the frame."""
    fw, fh = frame_wh
    w = max(16, min(fw, round(2 * s.half_width * scale)))
    h = max(16, min(fh, round((s.above + s.below) * scale)))
    x0 = int(np.clip(round(center[0] - w / 2), 0, max(fw - w, 0)))
    y0 = int(np.clip(round(center[1] - s.above * scale), 0, max(fh - h, 0)))
    return Box(x0, y0, min(x0 + w, fw), min(y0 + h, fh))


class FollowCrop:
    """The follower's crop, with hysteresis: ``update`` returns the same box while the torso stays
    near where it was when the box was made, at about the same size."""

    def __init__(self, settings: CropSettings | None = None) -> None:
        self.settings = settings or CropSettings()
        self.box: Box | None = None
        self._made_for: tuple[float, float, float] | None = None  # torso centre x, y and scale
        self.moves = 0

    def reset(self) -> None:
        self.box = None
        self._made_for = None

    def update(self, pose: Pose, frame_wh: tuple[int, int]) -> Box:
        """The crop for the next frame, given where the body is now; ``moves`` counts changes."""
        cx, cy = (float(v) for v in pose.xy[_TORSO].astype(np.float64).mean(axis=0))
        scale = torso_size(pose)
        s = self.settings
        if self.box is not None and self._made_for is not None:
            mx, my, ms = self._made_for
            shift = float(np.hypot(cx - mx, cy - my)) / ms
            if shift <= s.keep_shift and abs(float(np.log(scale / ms))) <= s.keep_scale:
                return self.box
        self.box = ideal_crop((cx, cy), scale, frame_wh, s)
        self._made_for = (cx, cy, scale)
        self.moves += 1
        return self.box


@dataclass(frozen=True)
class CropView:
    """A crop of a frame as the model sees it: ``rgb`` is ``box`` scaled by ``scale``."""

    rgb: U8Image
    box: Box
    scale: float

    def to_frame(self, xy: FloatArray) -> FloatArray:
        """Points in the crop image's pixels → frame pixels."""
        offset = np.array([self.box.x0, self.box.y0], np.float32)
        return (xy / np.float32(self.scale) + offset).astype(np.float32)

    def pose_to_frame(self, pose: Pose) -> Pose:
        return Pose(self.to_frame(pose.xy), pose.visibility, pose.world_xyz)

    def mask_to_frame(self, mask: FloatArray, frame_wh: tuple[int, int]) -> FloatArray:
        """The crop's mask pasted into an empty full-frame canvas at the crop's scale: the result
        covers the whole frame (with its aspect) and holds nothing outside the crop."""
        fw, fh = frame_wh
        cw, ch = max(1, round(fw * self.scale)), max(1, round(fh * self.scale))
        canvas = np.zeros((ch, cw), np.float32)
        ox, oy = round(self.box.x0 * self.scale), round(self.box.y0 * self.scale)
        mh, mw = mask.shape[:2]
        x0, y0, x1, y1 = max(ox, 0), max(oy, 0), min(cw, ox + mw), min(ch, oy + mh)
        if x1 > x0 and y1 > y0:
            canvas[y0:y1, x0:x1] = mask[y0 - oy : y1 - oy, x0 - ox : x1 - ox]
        return canvas


def cut(frame_rgb: U8Image, box: Box, long_side: int) -> CropView:
    """The crop of ``frame_rgb`` at ``box``, scaled down so its longer side is at most ``long_side``."""
    region = frame_rgb[box.y0 : box.y1, box.x0 : box.x1]
    longer = max(box.w, box.h)
    if longer <= long_side:
        return CropView(np.ascontiguousarray(region), box, 1.0)
    k = long_side / longer
    size = (max(1, round(box.w * k)), max(1, round(box.h * k)))
    # Linear, not area: six times cheaper, and the model resamples its region linearly anyway.
    small = cv2.resize(region, size, interpolation=cv2.INTER_LINEAR if k > 0.45 else cv2.INTER_AREA)
    return CropView(small, box, size[0] / box.w)


def padded(frame_rgb: U8Image, box: Box, pad_frac: float, long_side: int) -> CropView:
    """``box`` grown by ``pad_frac`` of its longer side on every side, with the part outside the
    frame filled by a flat grey: a person with room around them, as the model was trained on."""
    pad = round(pad_frac * max(box.w, box.h))
    h, w = frame_rgb.shape[:2]
    x0, y0, x1, y1 = box.x0 - pad, box.y0 - pad, box.x1 + pad, box.y1 + pad
    canvas = np.full((y1 - y0, x1 - x0, 3), 127, np.uint8)
    sx0, sy0, sx1, sy1 = max(x0, 0), max(y0, 0), min(x1, w), min(y1, h)
    canvas[sy0 - y0 : sy1 - y0, sx0 - x0 : sx1 - x0] = frame_rgb[sy0:sy1, sx0:sx1]
    view = cut(canvas, Box(0, 0, canvas.shape[1], canvas.shape[0]), long_side)
    return CropView(view.rgb, Box(x0, y0, x1, y1), view.scale)


_LIMBS = (
    (Landmark.LEFT_SHOULDER, Landmark.LEFT_ELBOW),
    (Landmark.LEFT_ELBOW, Landmark.LEFT_WRIST),
    (Landmark.RIGHT_SHOULDER, Landmark.RIGHT_ELBOW),
    (Landmark.RIGHT_ELBOW, Landmark.RIGHT_WRIST),
    (Landmark.LEFT_HIP, Landmark.LEFT_KNEE),
    (Landmark.LEFT_KNEE, Landmark.LEFT_ANKLE),
    (Landmark.RIGHT_HIP, Landmark.RIGHT_KNEE),
    (Landmark.RIGHT_KNEE, Landmark.RIGHT_ANKLE),
    (Landmark.NOSE, Landmark.LEFT_SHOULDER),
    (Landmark.NOSE, Landmark.RIGHT_SHOULDER),
)


def body_region(pose: Pose, wh: tuple[int, int], reach: float = 0.5) -> U8Image:
    """255 where the person at ``pose`` (pixels of a ``wh`` image) could be: torso, head and limbs
    grown by ``reach`` body scales; 0 elsewhere."""
    w, h = wh
    region = np.zeros((h, w), np.uint8)
    scale = pose.body_scale()
    r = max(2, round(reach * scale))
    pts = np.round(pose.xy).astype(np.int32)
    cv2.fillConvexPoly(region, cv2.convexHull(pts[_TORSO]), 255)
    for a, b in _LIMBS:
        cv2.line(region, tuple(int(v) for v in pts[a]), tuple(int(v) for v in pts[b]), 255, thickness=2 * r)
    cv2.circle(region, tuple(int(v) for v in pts[Landmark.NOSE]), round(1.6 * r), 255, -1)
    grown: U8Image = cv2.dilate(region, np.ones((r, r), np.uint8))
    return grown


def isolate(view: CropView, pose: Pose) -> U8Image:
    """The crop with everything but the person at ``pose`` (frame pixels) painted flat grey: the
    picture a fresh follower starts on, so its detector can only find the shopper."""
    h, w = view.rgb.shape[:2]
    offset = np.array([view.box.x0, view.box.y0], np.float32)
    local = Pose(((pose.xy - offset) * np.float32(view.scale)).astype(np.float32), pose.visibility)
    keep = body_region(local, (w, h)) > 0
    out = np.full_like(view.rgb, 127)
    out[keep] = view.rgb[keep]
    return out
