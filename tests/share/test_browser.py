"""A real phone browser (headless Chromium) opens the photo's URL: it sees the photo and the save
button, in Korean and in English; the button saves the very JPEG; an expired link is friendly."""

from __future__ import annotations

import time

import pytest

from mirror_app.domain import Language

from .browser import photo_loaded, start_browser, stop_browser
from .conftest import LoopbackServer, photo_rgb, shared_photo

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    """One browser for the module (starting Chromium is the slow part), with a fresh profile."""
    downloads = tmp_path_factory.mktemp("downloads")
    driver = start_browser(downloads)
    driver.downloads = downloads
    yield driver
    stop_browser(driver)


@pytest.fixture
def server():
    s = LoopbackServer()
    yield s
    s.stop()


def wait_for(condition, tries: int = 200, pause: float = 0.05):
    """Poll ``condition`` up to ``tries`` times (a count, not a time budget)."""
    for _ in range(tries):
        value = condition()
        if value:
            return value
        time.sleep(pause)
    raise AssertionError("condition not met")


@pytest.mark.parametrize(
    ("lang", "save", "heading"),
    [(Language.KO, "사진 저장", "입어 본 옷"), (Language.EN, "Save photo", "What you tried on")],
)
def test_the_phone_sees_the_photo_and_the_save_button_in_the_shoppers_language(browser, server, lang, save, heading):
    from selenium.webdriver.common.by import By

    photo = shared_photo(lang, rgb=photo_rgb(540, 960))
    token = server.shelf.put(photo)
    browser.get(f"http://127.0.0.1:{server.port}/p/{token}")
    assert photo_loaded(browser)
    img = browser.find_element(By.ID, "photo")
    assert img.is_displayed() and img.get_property("naturalWidth") == 540 and img.get_property("naturalHeight") == 960
    button = browser.find_element(By.ID, "save")
    assert button.is_displayed() and button.text == save
    # On a phone's screen the photo and its button are seen together, without scrolling.
    assert button.rect["y"] + button.rect["height"] <= browser.execute_script("return window.innerHeight")
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("lang") == lang.value
    assert heading in browser.find_element(By.TAG_NAME, "h2").text
    links = [a.get_attribute("href") for a in browser.find_elements(By.CSS_SELECTOR, "li a")]
    assert links == [line.url for line in photo.outfit]


def test_the_language_link_switches_the_page(browser, server):
    from selenium.webdriver.common.by import By

    token = server.shelf.put(shared_photo(Language.KO))
    browser.get(f"http://127.0.0.1:{server.port}/p/{token}")
    assert browser.find_element(By.ID, "save").text == "사진 저장"
    browser.find_element(By.CLASS_NAME, "lang").click()
    wait_for(lambda: browser.find_element(By.ID, "save").text == "Save photo")
    assert photo_loaded(browser) and browser.current_url.endswith(f"/p/{token}?lang=en")


def test_the_save_button_saves_the_jpeg(browser, server):
    from selenium.webdriver.common.by import By

    photo = shared_photo(rgb=photo_rgb(360, 640))
    token = server.shelf.put(photo)
    browser.get(f"http://127.0.0.1:{server.port}/p/{token}")
    browser.find_element(By.ID, "save").click()
    saved = browser.downloads / "mirror-photo.jpg"
    wait_for(lambda: saved.exists() and saved.stat().st_size == len(photo.jpeg))
    assert saved.read_bytes() == photo.jpeg


def test_an_expired_link_shows_the_friendly_page(browser, server):
    from selenium.webdriver.common.by import By

    token = server.shelf.put(shared_photo())
    server.clock.advance(601)
    browser.get(f"http://127.0.0.1:{server.port}/p/{token}")
    text = browser.find_element(By.ID, "expired").text
    assert "This photo has expired" in text and "사진 보관 시간이 지났어요" in text
    assert not browser.find_elements(By.ID, "photo")
