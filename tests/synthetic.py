"""Synthetic bodies and garments with answers that can be worked out by hand."""

from __future__ import annotations

import cv2
import numpy as np

from mirror_app.overlay import Category, Garment
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.tracking.landmarks import Pose, TrackedPerson, TrackingResult

# A frontal standing body in a 640×960 frame (the person's left on the image right).
BODY = {
    L.NOSE: (320, 150),
    L.LEFT_EYE: (335, 135),
    L.RIGHT_EYE: (305, 135),
    L.LEFT_EYE_INNER: (328, 135),
    L.RIGHT_EYE_INNER: (312, 135),
    L.LEFT_EYE_OUTER: (342, 135),
    L.RIGHT_EYE_OUTER: (298, 135),
    L.LEFT_EAR: (355, 142),
    L.RIGHT_EAR: (285, 142),
    L.MOUTH_LEFT: (332, 172),
    L.MOUTH_RIGHT: (308, 172),
    L.LEFT_SHOULDER: (390, 250),
    L.RIGHT_SHOULDER: (250, 250),
    L.LEFT_ELBOW: (420, 370),
    L.RIGHT_ELBOW: (220, 370),
    L.LEFT_WRIST: (440, 470),
    L.RIGHT_WRIST: (200, 470),
    L.LEFT_PINKY: (445, 500),
    L.RIGHT_PINKY: (195, 500),
    L.LEFT_INDEX: (440, 505),
    L.RIGHT_INDEX: (200, 505),
    L.LEFT_THUMB: (435, 495),
    L.RIGHT_THUMB: (205, 495),
    L.LEFT_HIP: (365, 480),
    L.RIGHT_HIP: (275, 480),
    L.LEFT_KNEE: (370, 660),
    L.RIGHT_KNEE: (270, 660),
    L.LEFT_ANKLE: (372, 840),
    L.RIGHT_ANKLE: (268, 840),
    L.LEFT_HEEL: (372, 860),
    L.RIGHT_HEEL: (268, 860),
    L.LEFT_FOOT_INDEX: (380, 880),
    L.RIGHT_FOOT_INDEX: (260, 880),
}
FRAME_WH = (640, 960)


def make_pose(overrides: dict[L, tuple[float, float]] | None = None, visibility: float = 1.0) -> Pose:
    pts = dict(BODY)
    pts.update(overrides or {})
    xy = np.array([pts[L(i)] for i in range(33)], dtype=np.float32)
    return Pose(xy, np.full(33, visibility, dtype=np.float32))


def tracked(
    pose: Pose | None, frame_wh: tuple[int, int], timestamp_ms: int = 0, track_id: int = 1, mask=None
) -> TrackingResult:
    """The tracker's answer for one frame with ``pose`` as the main shopper (None: nobody there)."""
    if pose is None:
        return TrackingResult(timestamp_ms, frame_wh)
    return TrackingResult(timestamp_ms, frame_wh, (TrackedPerson(track_id, pose, pose, mask),), track_id)


def transformed_pose(matrix: np.ndarray) -> Pose:
    """BODY moved by a 2×3 affine."""
    xy = np.array([BODY[L(i)] for i in range(33)], dtype=np.float64)
    out = xy @ matrix[:, :2].T + matrix[:, 2]
    return Pose(out.astype(np.float32), np.ones(33, dtype=np.float32))


def grid_texture(h: int, w: int, colour: tuple[int, int, int] = (30, 90, 200)) -> np.ndarray:
    """Opaque checker texture: every part of it is recognisable after a warp."""
    img = np.zeros((h, w, 4), np.uint8)
    img[..., :3] = colour
    yy, xx = np.mgrid[0:h, 0:w]
    img[((yy // 16) + (xx // 16)) % 2 == 0, :3] = (230, 200, 40)
    img[..., 3] = 255
    return img


def body_anchored_top(scale: float = 0.5, sleeves: bool = True) -> Garment:
    """A top whose anchors are exactly BODY's points scaled by ``scale`` about the origin
    (so on BODY itself it must land where a ``scale``→1 zoom puts it)."""
    names = {
        "neck": None,
        "left_shoulder": L.LEFT_SHOULDER,
        "right_shoulder": L.RIGHT_SHOULDER,
        "left_hip": L.LEFT_HIP,
        "right_hip": L.RIGHT_HIP,
    }
    if sleeves:
        names.update(
            {
                "left_elbow": L.LEFT_ELBOW,
                "right_elbow": L.RIGHT_ELBOW,
                "left_wrist": L.LEFT_WRIST,
                "right_wrist": L.RIGHT_WRIST,
            }
        )
    from mirror_app.overlay.body_points import body_points

    bp = body_points(make_pose(), FRAME_WH)
    anchors = {n: (float(bp[n][0] * scale), float(bp[n][1] * scale)) for n in names}
    h, w = int(FRAME_WH[1] * scale), int(FRAME_WH[0] * scale)
    img = grid_texture(h, w)
    mask = np.zeros((h, w), np.uint8)
    torso = np.array([bp[n] for n in ("right_shoulder", "left_shoulder", "left_hip", "right_hip")]) * scale
    cv2.fillPoly(mask, [torso.astype(np.int32)], 255)
    if sleeves:
        for side in ("left", "right"):
            arm = np.array([bp[f"{side}_shoulder"], bp[f"{side}_elbow"], bp[f"{side}_wrist"]]) * scale
            cv2.polylines(mask, [arm.astype(np.int32)], False, 255, thickness=max(2, int(40 * scale)))
    img[..., 3] = mask
    return Garment("test-top", Category.TOP, img, anchors)


def body_mask(pose: Pose, frame_wh: tuple[int, int] = FRAME_WH, arm_r: float = 20.0, leg_r: float = 30.0) -> np.ndarray:
    """A person's silhouette for ``pose``: head, neck, a torso a little wider than the shoulder and
    hip joints, arms and legs as capsules. float32 (h, w) in {0, 1}, like a model's mask."""
    xy = pose.xy.astype(np.float64)
    w, h = frame_wh
    m = np.zeros((h, w), np.uint8)
    ls, rs, lh, rh = xy[L.LEFT_SHOULDER], xy[L.RIGHT_SHOULDER], xy[L.LEFT_HIP], xy[L.RIGHT_HIP]
    span = np.linalg.norm(ls - rs)
    out = (ls - rs) / span
    torso = np.array(
        [
            rs - out * 0.12 * span + np.array([0, -0.16 * span]),
            ls + out * 0.12 * span + np.array([0, -0.16 * span]),
            ls + out * 0.02 * span + np.array([0, 0.4 * span]),
            lh + out * 0.22 * span,
            lh + out * 0.22 * span + np.array([0, 0.35 * span]),
            rh - out * 0.22 * span + np.array([0, 0.35 * span]),
            rh - out * 0.22 * span,
            rs - out * 0.02 * span + np.array([0, 0.4 * span]),
        ]
    )
    cv2.fillPoly(m, [np.round(torso).astype(np.int32)], 1)
    neck_c = (xy[L.MOUTH_LEFT] + xy[L.MOUTH_RIGHT]) / 2
    cv2.rectangle(m, (int(neck_c[0] - 0.2 * span), int(neck_c[1])), (int(neck_c[0] + 0.2 * span), int(ls[1])), 1, -1)
    cv2.circle(m, tuple(int(v) for v in xy[L.NOSE]), int(0.36 * span), 1, -1)
    for a, b, r in (
        (L.LEFT_SHOULDER, L.LEFT_ELBOW, arm_r), (L.LEFT_ELBOW, L.LEFT_WRIST, arm_r * 0.8),
        (L.RIGHT_SHOULDER, L.RIGHT_ELBOW, arm_r), (L.RIGHT_ELBOW, L.RIGHT_WRIST, arm_r * 0.8),
        (L.LEFT_HIP, L.LEFT_KNEE, leg_r), (L.LEFT_KNEE, L.LEFT_ANKLE, leg_r * 0.7),
        (L.RIGHT_HIP, L.RIGHT_KNEE, leg_r), (L.RIGHT_KNEE, L.RIGHT_ANKLE, leg_r * 0.7),
    ):  # fmt: skip
        cv2.line(m, tuple(int(v) for v in xy[a]), tuple(int(v) for v in xy[b]), 1, int(2 * r))
    return m.astype(np.float32)


def outline_tee(colour: tuple[int, int, int] = (40, 120, 200), sleeves: bool = True) -> Garment:
    """A T-shirt picture drawn in real proportions with every v2 outline mark where it belongs:
    collar at the neckline's corners, seams at the shoulder line's ends, armpits, cuffs, hem."""
    w, h = 520, 520
    cx, top = 260.0, 40.0
    seam_half, collar_half = 150.0, 55.0
    img = np.zeros((h, w, 4), np.uint8)
    body = np.array(
        [
            (cx - collar_half, top), (cx - seam_half, top + 30), (cx - seam_half + 5, top + 150),
            (cx - seam_half + 8, top + 430), (cx + seam_half - 8, top + 430), (cx + seam_half - 5, top + 150),
            (cx + seam_half, top + 30), (cx + collar_half, top),
        ]
    )  # fmt: skip
    cv2.fillPoly(img, [np.round(body).astype(np.int32)], (*colour, 255))
    cv2.ellipse(img, (int(cx), int(top)), (int(collar_half), 35), 0, 0, 180, (0, 0, 0, 0), -1)
    anchors = {
        "neck": (cx, top + 35), "left_collar": (cx + collar_half, top), "right_collar": (cx - collar_half, top),
        "left_shoulder_seam": (cx + seam_half, top + 30), "right_shoulder_seam": (cx - seam_half, top + 30),
        "left_armpit": (cx + seam_half - 5, top + 150), "right_armpit": (cx - seam_half + 5, top + 150),
        "left_shoulder": (cx + 112, top + 42), "right_shoulder": (cx - 112, top + 42),
        "left_hip": (cx + 90, top + 400), "right_hip": (cx - 90, top + 400), "hem": (cx, top + 430),
    }  # fmt: skip
    if sleeves:
        for sgn, side in ((1, "left"), (-1, "right")):
            seam = np.array([cx + sgn * seam_half, top + 30])
            pit = np.array([cx + sgn * (seam_half - 5), top + 150])
            d = np.array([sgn * 0.6, 0.8])
            n = np.array([-d[1], d[0]])
            cuff = (seam + pit) / 2 + d * 110
            sleeve = np.array([seam, seam + d * 110 + n * sgn * -10, cuff - n * 55 * sgn * -1, pit])
            poly = np.array([seam, pit, cuff + n * 50 * sgn, cuff - n * 50 * sgn])
            cv2.fillPoly(img, [np.round(poly).astype(np.int32)], (*colour, 255))
            anchors[f"{side}_cuff"] = (float(cuff[0]), float(cuff[1]))
            del sleeve
    img[..., :3] = np.where(img[..., 3:4] > 0, img[..., :3], 0)
    return Garment("outline-tee", Category.TOP, img, {k: (float(v[0]), float(v[1])) for k, v in anchors.items()})
