"""Parametric synthetic bodies: world landmarks with known lengths, seen by a simple camera."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from mirror_app.sizing.body import BodyModel
from mirror_app.tracking.landmarks import Landmark as L
from mirror_app.tracking.landmarks import Pose

EXACT = BodyModel(world_scale=1.0)  # synthetic world landmarks are true metres


@dataclass(frozen=True)
class SyntheticBody:
    """A frontal standing adult, lengths in metres (MediaPipe's conventions: hip-centred, y down)."""

    shoulder_joints: float = 0.34
    hip_joints: float = 0.25
    torso: float = 0.48
    thigh: float = 0.42
    shin: float = 0.40
    nose_above_shoulders: float = 0.24

    @staticmethod
    def from_measurements(
        shoulder_cm: float, hip_cm: float, inseam_cm: float, height_cm: float, torso_cm: float = 48.0
    ) -> SyntheticBody:
        """The skeleton whose garment measurements, by ``EXACT``, are these."""
        m = EXACT
        leg = inseam_cm / m.inseam_from_leg / 100
        nose_ankle = height_cm * m.nose_to_ankle_of_height / 100
        torso = torso_cm / 100
        # nose straight above the hips at 8 cm forward: solve the vertical part
        vertical = float(np.sqrt(max(nose_ankle**2 - 0.08**2, 0.0)))
        return SyntheticBody(
            shoulder_joints=shoulder_cm / m.shoulder_from_joints / 100,
            hip_joints=hip_cm / m.hip_from_joints / 100,
            torso=torso,
            thigh=leg * 0.51,
            shin=leg * 0.49,
            nose_above_shoulders=vertical - leg - torso,
        )

    def expected(self) -> dict[str, float]:
        """Garment measurements in cm this body should give (by ``EXACT``)."""
        m = EXACT
        shoulder = self.shoulder_joints * 100 * m.shoulder_from_joints
        chest = shoulder * m.chest_from_shoulder
        hip = self.hip_joints * 100 * m.hip_from_joints
        leg = self.thigh + self.shin
        nose_ankle = float(np.hypot(self.torso + self.nose_above_shoulders + leg, 0.08))
        return {
            "shoulder": shoulder,
            "chest": chest,
            "hip": hip,
            "waist": m.waist_from_chest_hip * (chest + hip) / 2,
            "torso": self.torso * 100,
            "inseam": leg * 100 * m.inseam_from_leg,
            "height": nose_ankle * 100 / m.nose_to_ankle_of_height,
        }

    def world(self) -> np.ndarray:
        """(33, 3) world landmarks in metres."""
        w = np.zeros((33, 3))
        sw, hw, t = self.shoulder_joints / 2, self.hip_joints / 2, self.torso
        leg = self.thigh + self.shin
        w[L.LEFT_HIP] = (hw, 0, 0)
        w[L.RIGHT_HIP] = (-hw, 0, 0)
        w[L.LEFT_SHOULDER] = (sw, -t, 0)
        w[L.RIGHT_SHOULDER] = (-sw, -t, 0)
        for side, x in ((+1, sw + 0.03), (-1, -sw - 0.03)):
            el, wr, pk, ix, th = (
                (L.LEFT_ELBOW, L.LEFT_WRIST, L.LEFT_PINKY, L.LEFT_INDEX, L.LEFT_THUMB)
                if side > 0
                else (L.RIGHT_ELBOW, L.RIGHT_WRIST, L.RIGHT_PINKY, L.RIGHT_INDEX, L.RIGHT_THUMB)
            )
            w[el] = (x, -t + 0.29, 0)
            w[wr] = (x, -t + 0.55, 0)
            w[pk] = w[ix] = w[th] = (x, -t + 0.63, 0)
        for side, x in ((+1, hw), (-1, -hw)):
            kn, an, he, ft = (
                (L.LEFT_KNEE, L.LEFT_ANKLE, L.LEFT_HEEL, L.LEFT_FOOT_INDEX)
                if side > 0
                else (L.RIGHT_KNEE, L.RIGHT_ANKLE, L.RIGHT_HEEL, L.RIGHT_FOOT_INDEX)
            )
            w[kn] = (x, self.thigh, 0)
            w[an] = (x, leg, 0)
            w[he] = (x, leg + 0.05, 0.04)
            w[ft] = (x, leg + 0.07, -0.14)
        nose_y = -t - self.nose_above_shoulders
        w[L.NOSE] = (0, nose_y, -0.08)
        face = {
            L.LEFT_EYE_INNER: (0.015, -0.035), L.LEFT_EYE: (0.03, -0.035), L.LEFT_EYE_OUTER: (0.045, -0.035),
            L.RIGHT_EYE_INNER: (-0.015, -0.035), L.RIGHT_EYE: (-0.03, -0.035), L.RIGHT_EYE_OUTER: (-0.045, -0.035),
            L.LEFT_EAR: (0.075, -0.02), L.RIGHT_EAR: (-0.075, -0.02),
            L.MOUTH_LEFT: (0.025, 0.03), L.MOUTH_RIGHT: (-0.025, 0.03),
        }  # fmt: skip
        for lm, (dx, dy) in face.items():
            w[lm] = (dx, nose_y + dy, -0.05)
        return w


@dataclass(frozen=True)
class Camera:
    """A pinhole camera ``distance`` metres in front of the hips, looking at the hips."""

    frame_wh: tuple[int, int] = (1080, 1920)
    focal_px: float = 1100.0
    distance: float = 2.6
    hips_at: float = 0.45  # the hips' height in the frame, as a fraction of it

    def project(self, world: np.ndarray, offset_px: tuple[float, float] = (0.0, 0.0)) -> np.ndarray:
        w, h = self.frame_wh
        z = self.distance + world[:, 2]
        x = w / 2 + self.focal_px * world[:, 0] / z + offset_px[0]
        y = h * self.hips_at + self.focal_px * world[:, 1] / z + offset_px[1]
        return np.stack([x, y], axis=1)


def yawed(world: np.ndarray, degrees: float) -> np.ndarray:
    a = np.radians(degrees)
    rot = np.array([[np.cos(a), 0, np.sin(a)], [0, 1, 0], [-np.sin(a), 0, np.cos(a)]])
    return world @ rot.T


def frames(
    body: SyntheticBody,
    *,
    seconds: float = 2.5,
    fps: float = 30.0,
    camera: Camera | None = None,
    rng: np.random.Generator | None = None,
    world_noise_m: float = 0.0,
    pixel_noise: float = 0.0,
    outlier_every: int = 0,
    sway_px: float = 0.0,
    yaw_deg: float = 0.0,
    start_ms: int = 0,
) -> list[tuple[Pose, int]]:
    """A clip of poses with timestamps: noise on every landmark, a wild joint every
    ``outlier_every`` frames, and a side-to-side sway of ``sway_px`` pixels (1 Hz)."""
    camera = camera or Camera()
    rng = rng or np.random.default_rng(0)
    base = yawed(body.world(), yaw_deg)
    out = []
    for i in range(int(seconds * fps)):
        t = i / fps
        world = base + rng.normal(0, world_noise_m, base.shape) if world_noise_m else base.copy()
        if outlier_every and i % outlier_every == outlier_every - 1:
            world[L.LEFT_SHOULDER, 0] += 0.09  # a shoulder that jumps 9 cm for one frame
            world[L.LEFT_KNEE, 1] -= 0.10
        xy = camera.project(base, (sway_px * np.sin(2 * np.pi * t), 0.0))
        if pixel_noise:
            xy = xy + rng.normal(0, pixel_noise, xy.shape)
        pose = Pose(xy.astype(np.float32), np.full(33, 0.99, np.float32), world.astype(np.float32))
        out.append((pose, start_ms + round(t * 1000)))
    return out


def with_body(body: SyntheticBody, **changes: float) -> SyntheticBody:
    return replace(body, **changes)
