#!/usr/bin/env python3
"""Write ``assets/reference/poses.json``: the bodies ``mirror-app catalog preview`` dresses.

Hand-placed MediaPipe BlazePose landmarks (33 points, pixels of a 640×960 frame, the person's
left on the image right) for an adult standing facing the camera. Made for Mirror; no photo
or person is involved, so the file can ship with the app.

    python tools/make_reference_poses.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAD = {
    "nose": (320, 150), "left_eye_inner": (328, 135), "left_eye": (335, 135), "left_eye_outer": (342, 135),
    "right_eye_inner": (312, 135), "right_eye": (305, 135), "right_eye_outer": (298, 135),
    "left_ear": (355, 142), "right_ear": (285, 142), "mouth_left": (332, 172), "mouth_right": (308, 172),
}  # fmt: skip
TRUNK = {"left_shoulder": (390, 250), "right_shoulder": (250, 250), "left_hip": (366, 480), "right_hip": (274, 480)}

POSES = {
    "standing": {
        **HEAD, **TRUNK,
        "left_elbow": (425, 368), "right_elbow": (215, 368), "left_wrist": (448, 472), "right_wrist": (192, 472),
        "left_pinky": (452, 500), "right_pinky": (188, 500), "left_index": (448, 505), "right_index": (192, 505),
        "left_thumb": (442, 495), "right_thumb": (198, 495),
        "left_knee": (372, 660), "right_knee": (268, 660), "left_ankle": (376, 840), "right_ankle": (264, 840),
        "left_heel": (376, 860), "right_heel": (264, 860), "left_foot_index": (386, 880), "right_foot_index": (254, 880),
    },
    "moving": {
        **HEAD, **TRUNK,
        "left_elbow": (452, 362), "right_elbow": (160, 318), "left_wrist": (382, 452), "right_wrist": (128, 212),
        "left_pinky": (372, 466), "right_pinky": (122, 186), "left_index": (366, 462), "right_index": (128, 182),
        "left_thumb": (372, 448), "right_thumb": (140, 190),
        "left_knee": (402, 656), "right_knee": (262, 662), "left_ankle": (420, 836), "right_ankle": (258, 842),
        "left_heel": (418, 856), "right_heel": (258, 862), "left_foot_index": (432, 876), "right_foot_index": (248, 882),
    },
}  # fmt: skip

ORDER = (
    "nose", "left_eye_inner", "left_eye", "left_eye_outer", "right_eye_inner", "right_eye", "right_eye_outer",
    "left_ear", "right_ear", "mouth_left", "mouth_right", "left_shoulder", "right_shoulder", "left_elbow",
    "right_elbow", "left_wrist", "right_wrist", "left_pinky", "right_pinky", "left_index", "right_index",
    "left_thumb", "right_thumb", "left_hip", "right_hip", "left_knee", "right_knee", "left_ankle", "right_ankle",
    "left_heel", "right_heel", "left_foot_index", "right_foot_index",
)  # fmt: skip


def main() -> None:
    doc = {
        "about": "Reference bodies for catalog previews: BlazePose landmarks [x, y] in pixels, hand-placed.",
        "frame_wh": [640, 960],
        "poses": {name: [list(pts[k]) for k in ORDER] for name, pts in POSES.items()},
    }
    out = ROOT / "assets" / "reference" / "poses.json"
    text = json.dumps(doc, indent=1)
    # One landmark per line: [x, y] pairs stay readable.
    text = re.sub(r"\[\s+(-?\d+),\s+(-?\d+)\s+\]", r"[\1, \2]", text)
    out.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
