"""A real headless Chromium (Debian's chromium + chromium-driver, which ./dev installs), driven
by selenium, with a fresh profile and everything that would reach the internet turned off."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

CHROMIUM = next(
    (p for p in ("/usr/lib/chromium/chromium", shutil.which("chromium") or "") if p and Path(p).exists()), ""
)
CHROMEDRIVER = shutil.which("chromedriver") or ""
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--window-size=412,915",  # a phone's screen, in CSS pixels
)


def require_browser() -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("the browser test uses Debian's chromium and chromium-driver (Linux)")
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.fail("chromium and chromedriver are needed: `./dev test` installs Debian's chromium and chromium-driver")


def start_browser(downloads: Path):
    """A new Chromium with its own profile; it saves downloads into ``downloads``."""
    require_browser()
    os.environ.setdefault("SE_AVOID_STATS", "true")  # selenium's helper binary is not used (paths given), and mute
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="mirror-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.binary_location = CHROMIUM
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    driver.set_page_load_timeout(30)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver._mirror_profile = profile  # removed by stop_browser
    return driver


def stop_browser(driver) -> None:
    profile = getattr(driver, "_mirror_profile", None)
    driver.quit()
    if profile:
        shutil.rmtree(profile, ignore_errors=True)


def photo_loaded(driver) -> bool:
    """The page's <img> has finished loading a real picture."""
    return bool(
        driver.execute_script(
            "const i = document.getElementById('photo'); return i && i.complete && i.naturalWidth > 0"
        )
    )
