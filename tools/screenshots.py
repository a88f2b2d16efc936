"""Render the mirror's screens to PNG (offscreen Qt, the real app on the demo clip).

Usage: QT_QPA_PLATFORM=offscreen python tools/screenshots.py [--out docs/screenshots] [--only photo_share]

``--only photo_share`` makes just the photo-sharing shots (docs/photo-sharing.md): the photo screen
with the guest Wi-Fi code, and the phone's page in headless Chromium (needs Debian's chromium and
a Korean font such as fonts-nanum for the Korean words).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402

from mirror_app.config import MirrorConfig  # noqa: E402
from mirror_app.domain import ButtonId, Category, Language  # noqa: E402
from mirror_app.resources import demo_video_path  # noqa: E402
from mirror_app.session.state import Screen  # noqa: E402
from mirror_app.ui.app import RunOptions, build_mirror  # noqa: E402
from mirror_app.visit import Key, KeyPress  # noqa: E402


def pump(seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        time.sleep(0.005)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--video", type=Path, default=demo_video_path())
    parser.add_argument("--catalog", default="")
    parser.add_argument("--size", default="540x960")
    parser.add_argument("--only", choices=("photo_share",), default=None)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.only == "photo_share":
        photo_share(args)
        return 0
    w, h = (int(v) for v in args.size.split("x"))
    mirror = build_mirror(
        MirrorConfig(catalog_path=args.catalog), RunOptions(video=args.video, windowed=True, window_size=(w, h))
    )
    win, ctl, s = mirror.window, mirror.controller, mirror.controller.session
    mirror.start()

    def shot(name: str, wait: float = 0.6) -> None:
        pump(wait)
        path = args.out / f"{name}.png"
        win.grab().save(str(path))
        print("wrote", path)

    # Attract: nobody yet (force it: the clip has a person from the first frame).
    pump(1.0)
    s.settings = type(s.settings)(idle_timeout_s=9999, presence_s=9999)
    s.screen = Screen.ATTRACT
    shot("attract_ko", 0.3)
    s.lang = Language.EN
    shot("attract_en", 0.3)
    s.settings = type(s.settings)(idle_timeout_s=9999)
    s.lang = Language.KO
    s._present_since = None
    pump(1.0)
    shot("welcome_ko", 1.2)
    now = time.perf_counter()
    s.screen = Screen.LIVE
    cats = s.categories()
    for cat in cats:
        items = s.items_in(cat)
        if items and cat.value in ("top", "outerwear", "glasses", "hat", "accessory"):
            s.press(cat, now)
            s.press(ButtonId.WEAR, now)
    ctl.wear(s.outfit, now)
    s.category = cats[0] if cats else None
    shot("live_outfit_ko", 1.5)
    s.lang = Language.EN
    shot("live_outfit_en", 0.5)
    s.press(ButtonId.NEXT, now)
    shot("browsing_en", 0.5)
    # Compare: the coat outfit against the same outfit with the shirt instead.
    before = list(s.outfit)
    s.previous_outfit = before
    s.outfit = [i for i in before if i != "trench-coat"] + (
        ["oxford-shirt-long"] if "oxford-shirt-long" not in before else []
    )
    s.comparing = True
    ctl.wear(s.outfit, time.perf_counter())
    shot("compare_en", 1.2)
    s.comparing = False
    ctl.wear(before, time.perf_counter())
    s.lang = Language.KO
    s.press(ButtonId.PHOTO, time.perf_counter())
    shot("photo_countdown_ko", 0.8)
    pump(3.0)
    shot("photo_qr_ko", 0.5)
    s.lang = Language.EN
    shot("photo_qr_en", 0.2)
    s.back(time.perf_counter())
    mirror.driver.refresh([KeyPress(Key.DEBUG)])
    shot("debug_overlay", 0.8)
    mirror.driver.refresh([KeyPress(Key.DEBUG), KeyPress(Key.STAFF)])
    shot("staff_pin", 0.3)
    mirror.stop()
    size_advice(args)
    photo_share(args)
    return 0


def size_advice(args: argparse.Namespace) -> None:
    """Size advice needs a shopper standing still: the demo clip's first frame, held."""
    import tempfile

    import cv2

    cap = cv2.VideoCapture(str(demo_video_path()))
    ok, first = cap.read()
    cap.release()
    if not ok:
        return
    still = Path(tempfile.mkdtemp()) / "still.png"
    cv2.imwrite(str(still), first)
    w, h = (int(v) for v in args.size.split("x"))
    mirror = build_mirror(
        MirrorConfig(catalog_path=args.catalog),
        RunOptions(video=still, windowed=True, window_size=(w, h), wear=("oxford-shirt-long",)),
    )
    win, s = mirror.window, mirror.controller.session
    mirror.start()
    s.settings = type(s.settings)(idle_timeout_s=9999, presence_s=0.0, welcome_s=0.0)
    pump(1.0)
    s.screen = Screen.LIVE
    s.press(Category.TOP, time.perf_counter())
    while s.current_item() is not None and s.current_item().id != "oxford-shirt-long":
        s.press(ButtonId.NEXT, time.perf_counter())
    end = time.perf_counter() + 20
    while time.perf_counter() < end and not (win.scene and win.scene.shows("추천 사이즈")):
        pump(0.2)
    for lang in Language:
        s.lang = lang
        pump(0.3)
        path = args.out / f"size_advice_{lang}.png"
        win.grab().save(str(path))
        print("wrote", path)
    mirror.stop()


def photo_share(args: argparse.Namespace) -> None:
    """The LAN share: the photo screen with both codes, and the page a phone opens."""
    import subprocess
    import tempfile

    from mirror_app.share import open_listener

    w, h = (int(v) for v in args.size.split("x"))
    config = MirrorConfig(
        catalog_path=args.catalog,
        photo_share="lan",
        photo_address="127.0.0.1",
        photo_wifi_ssid="OurShop-Guest",
        photo_wifi_password="welcome2024",
        analytics_enabled=False,
    )
    options = RunOptions(
        video=args.video,
        windowed=True,
        window_size=(w, h),
        wear=("round-glasses", "trench-coat", "bucket-hat"),
        photo_listener=open_listener("127.0.0.1", 0),
    )
    mirror = build_mirror(config, options)
    win, s = mirror.window, mirror.controller.session
    mirror.start()
    s.settings = type(s.settings)(idle_timeout_s=9999, photo_show_s=9999)
    pump(1.5)
    mirror.take_photo()
    pump(3.6)
    for lang in Language:
        s.lang = lang
        pump(0.3)
        win.grab().save(str(args.out / f"photo_share_{lang}.png"))
        print("wrote", args.out / f"photo_share_{lang}.png")
    url = next(e.data for e in win.scene.elements if type(e).__name__ == "QrCode" and e.data.startswith("http"))
    chromium = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--hide-scrollbars",
                f"--user-data-dir={tempfile.mkdtemp()}", "--window-size=412,1240"]  # a phone, the whole page  # fmt: skip
    for name, target in (
        ("phone_page_en", url + "?lang=en"),
        ("phone_page_expired", url.rsplit("/", 1)[0] + "/" + "x" * 32),
    ):
        path = args.out / f"{name}.png"
        subprocess.run([*chromium, f"--screenshot={path}", target], capture_output=True, timeout=60, check=False)
        print("wrote", path)
    mirror.stop()


if __name__ == "__main__":
    raise SystemExit(main())
