"""Measure the photo share on loopback: the time from the photo being taken to the page loaded in a
real browser, and the mirror's frame rate while 20 simulated phones load the page, side by side
with a quiet phase of the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/share_bench.py [--phones 20] [--seconds 10]

The mirror runs in this process exactly as `mirror-app run` builds it (demo clip, live engine,
window, LAN share on 127.0.0.1); the browser (headless Chromium via selenium) and the phones run
in a child process, so their work is not charged to the mirror. Each phone has its own loopback
address (127.0.0.10, .11, ...) and loads the page and its photo once a second. Frames are counted
by the engine's own display counter at the phase boundaries the child reports.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


# -- the child: a browser and the phones ---------------------------------------------------------
def client(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(ROOT / "tests" / "share"))
    from browser import start_browser, stop_browser  # type: ignore[import-not-found]

    def say(**fields: object) -> None:
        print(json.dumps({"wall": time.time(), **fields}), flush=True)

    downloads = Path(tempfile.mkdtemp(prefix="share-bench-"))
    driver = start_browser(downloads)
    driver.get("about:blank")
    say(mark="ready")
    url = sys.stdin.readline().strip()
    driver.get(url)
    timing = driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "const i = document.getElementById('photo');"
        "return [performance.timeOrigin, n.fetchStart, n.responseEnd, n.loadEventEnd, i.complete && i.naturalWidth > 0]"
    )
    origin, fetch_start, response_end, load_end, photo_ok = timing
    say(mark="loaded", load_end_wall=(origin + load_end) / 1000, page_ms=load_end - fetch_start,
        html_ms=response_end - fetch_start, photo_ok=photo_ok)  # fmt: skip
    stop_browser(driver)

    host, port = url.removeprefix("http://").split("/")[0].split(":")
    path = "/" + url.split("/", 3)[3]
    say(mark="quiet_start")
    time.sleep(args.seconds)
    say(mark="quiet_end")
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    stop = time.monotonic() + args.seconds

    def phone(i: int) -> None:
        source = f"127.0.0.{10 + i}"
        while time.monotonic() < stop:
            began = time.monotonic()
            for target in (path, path + "/photo.jpg"):
                t0 = time.perf_counter()
                conn = http.client.HTTPConnection(host, int(port), timeout=30, source_address=(source, 0))
                try:
                    conn.request("GET", target)
                    r = conn.getresponse()
                    r.read()
                    status = r.status
                except OSError:
                    status = 0
                finally:
                    conn.close()
                with lock:
                    results.append((status, (time.perf_counter() - t0) * 1000))
            time.sleep(max(0.0, args.interval - (time.monotonic() - began)))

    say(mark="phones_start")
    threads = [threading.Thread(target=phone, args=(i,)) for i in range(args.phones)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    say(mark="phones_end")
    ms = sorted(m for s, m in results if s == 200)
    codes: dict[int, int] = {}
    for s, _ in results:
        codes[s] = codes.get(s, 0) + 1
    pick = (lambda q: round(ms[min(len(ms) - 1, int(q * len(ms)))], 1)) if ms else (lambda q: None)
    say(mark="done", requests=len(results), statuses=codes, ms_p50=pick(0.5), ms_p95=pick(0.95))
    return 0


# -- the mirror ----------------------------------------------------------------------------------
def mirror(args: argparse.Namespace) -> int:
    from PySide6.QtCore import QCoreApplication

    from mirror_app.config import MirrorConfig
    from mirror_app.resources import demo_video_path
    from mirror_app.share import open_listener
    from mirror_app.ui.app import RunOptions, build_mirror

    def pump(seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            QCoreApplication.processEvents()
            time.sleep(0.002)

    w, h = (int(v) for v in args.size.split("x"))
    work = Path(tempfile.mkdtemp(prefix="share-bench-"))
    config = MirrorConfig(photo_share="lan", photo_address="127.0.0.1", analytics_enabled=False)
    options = RunOptions(
        video=args.video or demo_video_path(),
        windowed=True,
        window_size=(w, h),
        wear=("round-glasses", "trench-coat"),
        events=work / "events.jsonl",
        photo_listener=open_listener("127.0.0.1", 0),
    )
    m = build_mirror(config, options)
    desk = m.controller.photos
    child = subprocess.Popen(
        [sys.executable, __file__, "--client", "--phones", str(args.phones), "--seconds", str(args.seconds),
         "--interval", str(args.interval)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    lines: queue.Queue[dict] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(json.loads(x)) for x in child.stdout], daemon=True).start()  # type: ignore[union-attr]
    handed: dict[str, float] = {}
    hand_out = desk.hand_out

    def timed_hand_out(photo):  # type: ignore[no-untyped-def]
        handed["wall"], t0, c0 = time.time(), time.perf_counter(), time.thread_time()
        out = hand_out(photo)
        handed["ms"], handed["cpu_ms"] = (time.perf_counter() - t0) * 1000, (time.thread_time() - c0) * 1000
        child.stdin.write(out.url + "\n")  # type: ignore[union-attr]
        child.stdin.flush()  # type: ignore[union-attr]
        return out

    desk.hand_out = timed_hand_out  # type: ignore[method-assign]
    m.start()
    marks: dict[str, dict] = {}

    def wait_mark(name: str) -> dict:
        while name not in marks:
            QCoreApplication.processEvents()
            try:
                line = lines.get(timeout=0.002)
            except queue.Empty:
                continue
            shown, tracked = m.engine.timings.count("display"), m.engine.timings.count("tracking")
            marks[line["mark"]] = {**line, "shown": shown, "tracked": tracked, "cpu": time.process_time()}
        return marks[name]

    wait_mark("ready")
    pump(args.warmup)
    m.take_photo()  # as if the shopper pressed "Take photo": the 3 s countdown, then the picture
    loaded = wait_mark("loaded")
    wait_mark("quiet_end")
    wait_mark("phones_end")
    done = wait_mark("done")
    m.stop()
    child.wait(30)

    def phase(a: str, b: str) -> dict:
        s, e = marks[a], marks[b]
        dt = e["wall"] - s["wall"]
        return {
            "seconds": round(dt, 2),
            "display_fps": round((e["shown"] - s["shown"]) / dt, 2),
            "tracking_hz": round((e["tracked"] - s["tracked"]) / dt, 2),
            "mirror_cpu_s_per_s": round((e["cpu"] - s["cpu"]) / dt, 3),
        }

    report = {
        "screen": args.size,
        "photo": {
            "hand_out_ms": round(handed["ms"], 1),  # on the UI thread: encode the JPEG, shelve it, log it
            "hand_out_cpu_ms": round(handed["cpu_ms"], 1),
            "taken_to_page_loaded_ms": round((loaded["load_end_wall"] - handed["wall"]) * 1000, 1),
            "page_load_ms": round(loaded["page_ms"], 1),
            "html_ms": round(loaded["html_ms"], 1),
            "photo_loaded": loaded["photo_ok"],
        },
        "quiet": phase("quiet_start", "quiet_end"),
        "phones": {**phase("phones_start", "phones_end"), "phones": args.phones, "requests": done["requests"],
                   "statuses": done["statuses"], "request_ms_p50": done["ms_p50"], "request_ms_p95": done["ms_p95"]},
        "cpus": os.cpu_count(),
    }  # fmt: skip
    print(json.dumps(report, indent=2))
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--phones", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the quiet and the phones phase")
    parser.add_argument("--interval", type=float, default=1.0, help="seconds between one phone's page loads")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds the mirror runs before the photo")
    parser.add_argument("--size", default="1080x1920", help="the mirror's window (the photo is this size)")
    parser.add_argument("--video", type=Path, default=None)
    parser.add_argument("--json", type=Path, default=None)
    parser.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    return client(args) if args.client else mirror(args)


if __name__ == "__main__":
    raise SystemExit(main())
