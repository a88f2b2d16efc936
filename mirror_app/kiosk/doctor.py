"""``mirror-app doctor``: what an installer reads out on the phone.

Checks the cameras (their real mode and measured frame rate), the model, the catalog, the
fonts, the display, free disk and the configuration, one line each with OK, WARN or FAIL, and
a summary. Exit 0 when nothing FAILed. Never crashes on a missing device: a check that cannot
run is itself the finding.
"""

from __future__ import annotations

import json
import logging
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from ..capture.sources import CameraSource, CameraSpec, FrameSource
from ..catalog.loader import load_catalog
from ..config import MirrorConfig, changed_settings, config_warnings, default_config_path
from ..errors import MirrorError, SourceError
from ..resources import fonts_dir
from .common import catalog_path, describe_build, device_exists, identify_model, is_frozen, model_path, quiet_opencv

log = logging.getLogger(__name__)

CAMERA_INDICES = (0, 1, 2, 3)
MEASURE_S = 1.0
DISK_FAIL_BYTES = 200 * 1024**2
DISK_WARN_BYTES = 2 * 1024**3
FONT_FILES = ("NanumSquareRoundR.ttf", "NanumSquareRoundB.ttf")
QT_PROBE_TIMEOUT_S = 30.0


class Status(StrEnum):
    OK = "OK"
    WARN = "WARN"
    FAIL = "FAIL"


@dataclass
class Check:
    area: str
    status: Status
    summary: str
    details: list[str] = field(default_factory=list)


@dataclass
class DoctorReport:
    header: str
    checks: list[Check] = field(default_factory=list)

    def count(self, status: Status) -> int:
        return sum(1 for c in self.checks if c.status is status)

    @property
    def exit_code(self) -> int:
        return 1 if self.count(Status.FAIL) else 0

    def summary(self) -> str:
        fails, warns, oks = self.count(Status.FAIL), self.count(Status.WARN), self.count(Status.OK)
        verdict = "NOT READY: fix the FAIL lines" if fails else ("ready, with warnings" if warns else "ready")
        return f"Summary: {fails} FAIL, {warns} WARN, {oks} OK: {verdict}"

    def text(self) -> str:
        lines = [self.header, ""]
        for c in self.checks:
            lines.append(f"{c.status.value:<5} {c.area:<9} {c.summary}")
            lines += [f"{'':<16}{d}" for d in c.details]
        lines += ["", self.summary()]
        return "\n".join(lines)

    def to_json(self) -> str:
        doc = {
            "header": self.header,
            "checks": [asdict(c) for c in self.checks],
            "summary": {s.value: self.count(s) for s in Status},
            "exit_code": self.exit_code,
        }
        return json.dumps(doc, ensure_ascii=False, indent=2)


# --- cameras ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CameraFinding:
    device: int | str
    opened: bool
    note: str  # why not, or the mode it gave
    width: int = 0
    height: int = 0
    driver_fps: float = 0.0
    measured_fps: float = 0.0


def probe_camera(
    spec: CameraSpec,
    *,
    opener: Callable[[CameraSpec], FrameSource] = CameraSource,
    measure_s: float = MEASURE_S,
    clock: Callable[[], float] = time.perf_counter,
    exists: Callable[[int | str], bool | None] = device_exists,
) -> CameraFinding:
    """Open one camera as the mirror would (MJPG, configured mode) and time its frames."""
    if exists(spec.device) is False:
        return CameraFinding(spec.device, False, "not found (no such device)")
    try:
        camera = opener(spec)
    except SourceError as exc:
        return CameraFinding(spec.device, False, f"cannot open: {exc}")
    try:
        actual = getattr(camera, "actual", (0, 0, 0.0))
        frames, first, last = 0, None, None
        deadline = clock() + measure_s + 2.0  # the first frame of a USB camera can take a while
        width = height = 0
        while clock() < deadline:
            try:
                frame = camera.read()
            except SourceError as exc:
                return CameraFinding(spec.device, False, f"opens but gives no frames: {exc}")
            if frame is None:
                break
            now = clock()
            height, width = frame.rgb.shape[:2]
            if first is None:
                first = now
            else:
                frames += 1
                last = now
                if now - first >= measure_s:
                    break
        measured = frames / (last - first) if first is not None and last is not None and last > first else 0.0
        if first is None:
            return CameraFinding(spec.device, False, "opens but gives no frames")
        return CameraFinding(
            spec.device,
            True,
            f"{width}x{height}, driver says {actual[2]:.0f} fps, measured {measured:.1f} fps",
            width,
            height,
            float(actual[2]),
            measured,
        )
    finally:
        camera.close()


def check_cameras(
    config: MirrorConfig,
    *,
    indices: Iterable[int] = CAMERA_INDICES,
    opener: Callable[[CameraSpec], FrameSource] = CameraSource,
    measure_s: float = MEASURE_S,
    exists: Callable[[int | str], bool | None] = device_exists,
) -> Check:
    configured: int | str = config.camera_device
    if isinstance(configured, str) and configured.isdigit():
        configured = int(configured)
    devices: list[int | str] = [configured] + [i for i in indices if i != configured]

    def spec(device: int | str) -> CameraSpec:
        return CameraSpec(
            device, config.camera_width, config.camera_height, float(config.camera_fps), config.camera_mjpg
        )

    with quiet_opencv():
        findings = [probe_camera(spec(d), opener=opener, measure_s=measure_s, exists=exists) for d in devices]
    details = [f"{'configured ' if f.device == configured else ''}camera {f.device}: {f.note}" for f in findings]
    details += _stable_paths_hint()
    mine, others = findings[0], [f for f in findings[1:] if f.opened]
    wanted = f"{config.camera_width}x{config.camera_height} at {config.camera_fps} fps"
    if not mine.opened:
        if others:
            alt = ", ".join(str(f.device) for f in others)
            return Check(
                "camera",
                Status.FAIL,
                f"configured camera {configured} not found; cameras answer at {alt}: "
                f"set [camera] device to one of them",
                details,
            )
        tried = ", ".join(str(d) for d in devices)
        return Check(
            "camera",
            Status.FAIL,
            f"no camera found (tried {tried}): the mirror would play the demo clip; check the USB cable",
            details,
        )
    problems = []
    if (mine.width, mine.height) != (config.camera_width, config.camera_height):
        problems.append(f"gives {mine.width}x{mine.height} instead of {config.camera_width}x{config.camera_height}")
    if mine.measured_fps < 0.8 * config.camera_fps:
        hint = "set [camera] mjpg = true; " if not config.camera_mjpg else ""
        problems.append(
            f"only {mine.measured_fps:.1f} fps measured of {config.camera_fps} asked ({hint}the mode may not "
            "offer it, or dim light lengthens the exposure)"
        )
    if problems:
        return Check("camera", Status.WARN, f"camera {configured} works but " + "; ".join(problems), details)
    return Check("camera", Status.OK, f"camera {configured}: {mine.note} (asked for {wanted})", details)


def _stable_paths_hint() -> list[str]:
    by_id = Path("/dev/v4l/by-id")
    if not by_id.is_dir():
        return []
    names = sorted(p.name for p in by_id.iterdir() if p.name.endswith("index0"))
    return [f"stable path: /dev/v4l/by-id/{n}" for n in names]


# --- model, catalog ---------------------------------------------------------------------------


def check_model(config: MirrorConfig) -> Check:
    from ..tracking.pose_estimator import check_model_file
    from ..tracking.pose_tracker import PoseTracker, TrackerSettings

    path = model_path(config)
    try:
        check_model_file(path)
        identity = identify_model(path)
    except (MirrorError, OSError) as exc:
        return Check("model", Status.FAIL, str(exc))
    details = [identity.describe()]
    t0 = time.perf_counter()
    try:
        import numpy as np

        with PoseTracker(TrackerSettings(path, num_poses=1, video=False)) as tracker:
            tracker.process(np.zeros((256, 256, 3), np.uint8), 0)
    except Exception as exc:  # noqa: BLE001 - a native library problem is the finding
        return Check("model", Status.FAIL, f"the pose model does not load: {type(exc).__name__}: {exc}", details)
    load_ms = (time.perf_counter() - t0) * 1e3
    if identity.matches is False:
        return Check("model", Status.WARN, f"loads ({load_ms:.0f} ms) but differs from the shipped model", details)
    return Check("model", Status.OK, f"{path.name} loads in {load_ms:.0f} ms", details)


def check_catalog(config: MirrorConfig) -> Check:
    folder = catalog_path(config)
    try:
        catalog = load_catalog(folder)
    except MirrorError as exc:
        return Check("catalog", Status.FAIL, str(exc))
    details = [f"skipped: {p}" for p in catalog.problems]
    if not catalog.items:
        return Check("catalog", Status.FAIL, f"{folder}: no usable item", details)
    summary = f"{folder}: {len(catalog.items)} items"
    if catalog.problems:
        return Check("catalog", Status.WARN, f"{summary}, {len(catalog.problems)} problem(s) (items skipped)", details)
    return Check("catalog", Status.OK, summary, details)


# --- fonts, display (through a child process: Qt aborts when it cannot open a display) ----------


def _has_display() -> bool:
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_qt_probe(*, offscreen: bool, timeout_s: float = QT_PROBE_TIMEOUT_S) -> tuple[dict[str, Any] | None, str]:
    """(the probe's findings, or None and the reason)."""
    command = [sys.executable] if is_frozen() else [sys.executable, "-m", "mirror_app"]
    command += ["doctor", "--qt-probe"]
    env = dict(os.environ)
    if offscreen:
        env["QT_QPA_PLATFORM"] = "offscreen"
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s, env=env, check=False)
    except subprocess.TimeoutExpired:
        return None, f"Qt did not answer within {timeout_s:.0f} s"
    except OSError as exc:
        return None, f"cannot start the Qt probe: {exc}"
    for line in reversed(done.stdout.splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line), ""
            except json.JSONDecodeError:
                break
    lines = [ln.strip() for ln in done.stderr.splitlines() if ln.strip()]
    interesting = [ln for ln in lines if "qt." in ln.lower() or "plugin" in ln.lower() or "display" in ln.lower()]
    reason = (interesting or lines or [f"exit code {done.returncode}"])[-1]
    return None, reason[:300]


def check_fonts(probe: dict[str, Any] | None, reason: str) -> Check:
    if probe is None:
        return Check("fonts", Status.FAIL, f"could not check the fonts: {reason}")
    details, bad = [], []
    for f in probe["fonts"]:
        name = Path(f["file"]).name
        if f["family"] is None:
            bad.append(f"{name} does not load")
        elif f["hangul_missing"]:
            bad.append(f"{name} lacks Hangul glyphs ({f['hangul_missing']})")
        else:
            details.append(f"{name}: family {f['family']}, Hangul and Latin glyphs present")
    if bad:
        return Check("fonts", Status.FAIL, "; ".join(bad) + ": Korean text would show as boxes", details)
    families = sorted({f["family"] for f in probe["fonts"]})
    return Check("fonts", Status.OK, f"{', '.join(families)} (Korean and English)", details)


def _picture_wh(config: MirrorConfig) -> tuple[int, int]:
    w, h = config.camera_width, config.camera_height
    return (h, w) if config.camera_rotation in (90, 270) else (w, h)


def check_display(config: MirrorConfig, probe: dict[str, Any] | None, reason: str, had_display: bool) -> Check:
    if not had_display:
        return Check(
            "display",
            Status.WARN,
            "no display in this shell (DISPLAY and WAYLAND_DISPLAY are not set): run the doctor in the kiosk's "
            "session, or prefix DISPLAY=:0",
        )
    if probe is None:
        return Check("display", Status.FAIL, f"Qt cannot open the display: {reason}")
    screens = probe["screens"]
    if not screens:
        return Check("display", Status.FAIL, f"Qt ({probe['platform']}) reports no screen")
    details = []
    for s in screens:
        x, y, w, h = s["geometry"]
        details.append(
            f"{'primary ' if s['primary'] else ''}screen {s['name'] or '?'}: {w}x{h} at {x},{y}, "
            f"{'portrait' if h > w else 'landscape'}, {s['logical_dpi']} dpi (scale {s['device_pixel_ratio']}), "
            f"{s['physical_size_mm'][0]}x{s['physical_size_mm'][1]} mm, {s['refresh_hz']} Hz"
        )
    primary = next((s for s in screens if s["primary"]), screens[0])
    _, _, sw, sh = primary["geometry"]
    pw, ph = _picture_wh(config)
    details.append(
        f"camera picture after rotation {config.camera_rotation}°: {pw}x{ph} ({'portrait' if ph > pw else 'landscape'})"
    )
    summary = f"{probe['platform']}: {len(screens)} screen(s), primary {sw}x{sh}"
    if sw > sh:
        return Check(
            "display",
            Status.WARN,
            f"{summary} is landscape; a mirror is usually portrait: rotate the screen in the system's display "
            "settings (X11: xrandr --output NAME --rotate left)",
            details,
        )
    if (pw > ph) != (sw > sh):
        scale = max(sw / pw, sh / ph)  # the picture fills the screen; the overflow is cropped
        kept = min(1.0, (sw * sh) / (pw * ph * scale * scale))
        return Check(
            "display",
            Status.WARN,
            f"{summary}; the camera picture is {'landscape' if pw > ph else 'portrait'}: only {kept:.0%} of it "
            "shows. If the camera is mounted sideways, set [camera] rotation = 90 or 270",
            details,
        )
    return Check("display", Status.OK, summary, details)


# --- disk, configuration, logs -----------------------------------------------------------------


def _existing_ancestor(path: Path) -> Path:
    for candidate in (path, *path.parents):
        if candidate.exists():
            return candidate
    return Path(path.anchor or ".")


def check_disk(folders: Sequence[tuple[str, Path]]) -> Check:
    details, worst = [], Status.OK
    for label, folder in folders:
        base = _existing_ancestor(folder)
        try:
            free = shutil.disk_usage(base).free
        except OSError as exc:
            details.append(f"{label} {folder}: cannot measure ({exc.strerror or exc})")
            worst = Status.WARN if worst is Status.OK else worst
            continue
        status = Status.FAIL if free < DISK_FAIL_BYTES else Status.WARN if free < DISK_WARN_BYTES else Status.OK
        if status is Status.FAIL or (status is Status.WARN and worst is Status.OK):
            worst = status
        details.append(f"{label} {folder}: {free / 1024**3:.1f} GB free")
    summary = {
        Status.OK: "enough free space",
        Status.WARN: "little free space (under 2 GB)",
        Status.FAIL: "almost no free space (under 200 MB): logs and photos will fail",
    }[worst]
    return Check("disk", worst, summary, details)


def check_config(config: MirrorConfig, path: Path) -> list[Check]:
    source = config.source_file or f"no file at {path}: all defaults"
    checks = [Check("config", Status.OK, source, changed_settings(config))]
    for warning in config_warnings(config):
        checks.append(Check("staff PIN" if "PIN" in warning else "config", Status.WARN, warning))
    return checks


def check_logs(log_dir: Path) -> Check:
    crash = log_dir / "crash.log"
    details = []
    try:
        text = crash.read_text(encoding="utf-8", errors="replace")
    except OSError:
        text = ""
    dumps = text.count("Fatal Python error") + text.count("Timeout (")
    starts = text.count("--- mirror-app started")
    if starts:
        details.append(f"{starts} start(s) recorded in {crash}")
    if dumps:
        last = [ln for ln in text.splitlines() if ln.startswith("--- mirror-app started")][-1:]
        details.append(f"latest start: {last[0] if last else '?'}")
        return Check("logs", Status.WARN, f"{log_dir}: {dumps} crash or freeze dump(s) in crash.log", details)
    return Check("logs", Status.OK, f"{log_dir}", details)


# --- all together ---------------------------------------------------------------------------


def run_doctor(
    config: MirrorConfig,
    *,
    config_path: Path | None = None,
    camera_opener: Callable[[CameraSpec], FrameSource] = CameraSource,
    camera_indices: Iterable[int] = CAMERA_INDICES,
    qt_probe: Callable[[bool], tuple[dict[str, Any] | None, str]] | None = None,
    log_dir: Path | None = None,
    data_dir: Path | None = None,
) -> DoctorReport:
    from platformdirs import user_data_dir

    from .logs import default_log_dir

    header = f"Mirror doctor: {describe_build()} · {platform.node()} · {time.strftime('%Y-%m-%d %H:%M')}"
    report = DoctorReport(header)
    report.checks += check_config(config, config_path or default_config_path())
    report.checks.append(check_cameras(config, indices=camera_indices, opener=camera_opener))
    report.checks.append(check_model(config))
    report.checks.append(check_catalog(config))

    had_display = _has_display()
    probe_fn = qt_probe or (lambda offscreen: run_qt_probe(offscreen=offscreen))
    probe, reason = probe_fn(not had_display)
    font_probe, font_reason = probe, reason
    if probe is None and had_display:  # the display failed; the fonts can still be checked offscreen
        font_probe, font_reason = probe_fn(True)
    report.checks.append(check_fonts(font_probe, font_reason))
    report.checks.append(check_display(config, probe, reason, had_display))

    logs = log_dir or default_log_dir()
    data = data_dir or Path(user_data_dir("mirror-app", appauthor=False))
    folders = [("data", data), ("logs", logs)]
    if config.photo_policy == "keep" and config.photo_folder:
        folders.append(("photos", Path(config.photo_folder)))
    report.checks.append(check_disk(folders))
    report.checks.append(check_logs(logs))
    return report


def font_files() -> list[Path]:
    return [fonts_dir() / name for name in FONT_FILES]
