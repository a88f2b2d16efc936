"""``mirror-app render``: an outfit drawn on the main person of an image or a video, headless."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from .capture.sources import IMAGE_SUFFIXES, VIDEO_SUFFIXES, StillImageSource, VideoFileSource
from .catalog.loader import did_you_mean, load_catalog
from .errors import MirrorError, SourceError
from .overlay.garment import Garment
from .pipeline import RenderedFrame, TryOnPipeline, process_video, tracker_settings
from .tracking.pose_tracker import PoseTracker

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RenderRequest:
    input: Path
    output: Path
    item_ids: tuple[str, ...]
    catalog: Path
    model: Path
    json_out: Path | None = None
    progress: bool = True


def resolve_garments(catalog_dir: Path, item_ids: Sequence[str]) -> list[Garment]:
    catalog = load_catalog(catalog_dir)
    garments = []
    for item_id in item_ids:
        base, _, variant = item_id.partition(":")
        item = catalog.item(base)
        if item is None:
            known = {it.id for it in catalog.items}
            skipped = (
                f" (it was skipped: {next(str(p) for p in catalog.problems if p.item == base)})"
                if base in catalog.skipped
                else ""
            )
            raise MirrorError(
                f'unknown item "{base}" in {catalog_dir}{skipped}{did_you_mean(base, known)}; '
                "list the items with `mirror-app catalog list`"
            )
        if variant and variant not in {v.id for v in item.variants}:
            raise MirrorError(
                f'item "{base}" has no colour "{variant}"; it has: {", ".join(v.id for v in item.variants) or "none"}'
            )
        garments.append(item.garment(variant or None))
    return garments


def frame_record(rendered: RenderedFrame) -> dict[str, Any]:
    main = rendered.tracking.main
    landmarks = None
    if main is not None:
        p = main.pose
        landmarks = [
            [round(float(x), 2), round(float(y), 2), round(float(v), 3)]
            for (x, y), v in zip(p.xy, p.visibility, strict=True)
        ]
    return {
        "index": rendered.frame.index,
        "timestamp_ms": rendered.frame.timestamp_ms,
        "landmarks": landmarks,
        "items": [{"id": d.item_id, "bbox": list(d.bbox)} for d in rendered.drawn],
    }


def _video_writer(path: Path, fps: float, size: tuple[int, int]) -> cv2.VideoWriter:
    fourcc = {".avi": "MJPG", ".mkv": "MJPG"}.get(path.suffix.lower(), "mp4v")
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter.fourcc(*fourcc), fps, size)
    if not writer.isOpened():
        raise MirrorError(f"cannot write video {path}: try an .mp4 or .avi output")
    return writer


def render(request: RenderRequest) -> dict[str, Any]:
    """Runs the render; returns the JSON document (also written when asked). Raises MirrorError."""
    suffix_in, suffix_out = request.input.suffix.lower(), request.output.suffix.lower()
    if not request.input.exists():
        raise SourceError(f"input not found: {request.input}")
    is_image = suffix_in in IMAGE_SUFFIXES
    if not is_image and suffix_in not in VIDEO_SUFFIXES:
        raise SourceError(f"unsupported input type '{suffix_in}': give an image or a video file")
    want = IMAGE_SUFFIXES if is_image else VIDEO_SUFFIXES
    if suffix_out not in want:
        kind = "an image" if is_image else "a video"
        raise MirrorError(
            f"output {request.output} must be {kind} like the input (e.g. {'.png' if is_image else '.mp4'})"
        )
    if not request.output.parent.exists():
        raise MirrorError(f"output folder does not exist: {request.output.parent}")
    garments = resolve_garments(request.catalog, request.item_ids)
    source = StillImageSource(request.input) if is_image else VideoFileSource(request.input)
    # A still image is searched and followed on its own (MediaPipe's IMAGE mode); a video is
    # tracked like the live mirror does, but deterministically (the finder runs by frame count).
    settings = tracker_settings(request.model, still=is_image)
    frames: list[dict[str, Any]] = []
    writer: list[cv2.VideoWriter] = []
    total = None if is_image else (source.frame_count or None)  # type: ignore[union-attr]
    bar = None
    if request.progress and not is_image:
        from tqdm import tqdm

        bar = tqdm(total=total, unit="frame", desc="render", file=sys.stderr, dynamic_ncols=True)

    def write(rendered: RenderedFrame) -> None:
        frames.append(frame_record(rendered))
        bgr = cv2.cvtColor(rendered.rgb, cv2.COLOR_RGB2BGR)
        if is_image:
            _write_image(request.output, bgr)
        else:
            if not writer:
                h, w = bgr.shape[:2]
                writer.append(_video_writer(request.output, source.fps or 30.0, (w, h)))
            writer[0].write(bgr)
        if bar is not None:
            bar.update(1)

    try:
        with PoseTracker(settings) as tracker:
            process_video(source, TryOnPipeline(tracker), garments, write, overlap=not is_image)
    finally:
        source.close()
        if writer:
            writer[0].release()
        if bar is not None:
            bar.close()
    if not frames:
        raise SourceError(f"no frames could be read from {request.input}")
    document = {"frames": frames}
    if request.json_out is not None:
        request.json_out.write_text(json.dumps(document), encoding="utf-8")
    return document


def _write_image(path: Path, bgr: np.ndarray) -> None:
    ok, buf = cv2.imencode(path.suffix.lower(), bgr)
    if not ok:
        raise MirrorError(f"cannot encode the output as {path.suffix}: use .png or .jpg")
    try:
        path.write_bytes(buf.tobytes())
    except OSError as exc:
        raise MirrorError(f"cannot write {path}: {exc.strerror}") from None
