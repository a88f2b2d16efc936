"""The short soak CI can afford: two and a half minutes of the real app with an outfit, memory and fps read
every 10 s. (The 30-minute run and its figures are in docs/reliability.md.)"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = [pytest.mark.model, pytest.mark.gui, pytest.mark.slow]


def test_minutes_of_mirror_do_not_grow_or_slow_down(tmp_path, media):
    stats = tmp_path / "stats.json"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    r = subprocess.run(
        [sys.executable, "-m", "mirror_app", "run", "--video", str(media / "street_walkers_720p50.avi"), "--windowed",
         "--exit-after", "150", "--sample-every", "10", "--stats-json", str(stats),
         "--wear", "oxford-shirt-long", "--wear", "denim-jeans", "--wear", "round-glasses", "--wear", "pearl-necklace"],
        capture_output=True, text=True, timeout=400, env=env,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr[-2000:]
    rows = json.loads(stats.read_text())["samples"]
    assert len(rows) >= 14
    # Model, rigs, the cover's and the light's caches fill in the first 70 s (measured: up to
    # +127 MB by 70 s on some runs, flat within ±25 MB on others); a leak keeps climbing after it.
    warm = rows[7:]
    rss = [row["rss_mb"] for row in warm]
    fps = [row["display_fps"] for row in warm]
    print("rss", rss, "fps", fps)
    assert max(rss) - rss[0] < 60, f"memory grew: {rss}"
    assert min(fps) > 0.6 * max(fps), f"fps decayed: {fps}"
