"""The pages in a real browser: headless Chromium (Debian's) driven by Playwright.

Skipped, with the reason, where no Chromium is installed; `.ci/run` installs it,
so in CI these run.
"""

from __future__ import annotations

import os
import shutil
import struct
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from monitor.app import Monitor
from tests.monitor.web.support import WebServer, web_settings

CHROMIUM = os.environ.get("MONITOR_TEST_CHROMIUM") or shutil.which("chromium") or ""
# As root in a container, Chromium needs --no-sandbox; the rest keep it off this
# machine's closed network (no background fetches, no component updates).
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
pytestmark = [
    pytest.mark.skipif(not CHROMIUM, reason="no Chromium: `apt-get install -y chromium`"),
    pytest.mark.slow,
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture
def served(store: Path) -> Iterator[tuple[WebServer, Path]]:
    with WebServer(web_settings(store)) as web:
        yield web, store


def test_an_analyst_filters_opens_a_story_and_marks_an_update_not_an_update(
    browser: Any, served: tuple[WebServer, Path], tmp_path: Path
) -> None:
    web, store = served
    page = browser.new_page()
    page.goto(f"{web.url}/updates")
    assert page.locator("article.update").count() == 2

    page.select_option("#language", "fr")
    page.click("button[type=submit]:has-text('Filter')")
    page.wait_for_url("**/updates?*language=fr*")
    titles = page.locator("article.update h3").all_inner_texts()
    assert titles == ["Plus de cent entreprises signent le pacte sur l'IA de la Commission"]

    page.click("section.story h2 a")
    page.wait_for_url("**/stories/**")
    assert page.locator("h1").inner_text().startswith("Meta refuses to join")
    assert page.locator("ol li").count() >= 3  # the update, the known report, the copy

    page.goto(f"{web.url}/updates")
    first = page.locator("article.update").first
    title = first.locator("h3").inner_text()
    first.locator("button:has-text('Not an update')").click()
    page.wait_for_load_state()
    assert title not in page.locator("article.update h3").all_inner_texts()
    assert page.locator("article.update").count() == 1
    with Monitor(web_settings(store)) as app:
        (event,) = list(app.events(types=["VerdictCorrected"]))
        assert event.payload["correction"] == "not-update" and event.payload["by"] == "web"

    shot = tmp_path / "updates.png"
    page.screenshot(path=str(shot), full_page=True)
    _assert_not_blank(shot)
    page.close()


def test_no_page_scrolls_sideways_in_a_400_pixel_window(
    browser: Any, served: tuple[WebServer, Path]
) -> None:
    web, _ = served
    page = browser.new_page(viewport={"width": 400, "height": 800})
    items = web.client().get("/api/v1/updates").json()["items"]
    item = next(u for u in items if u["story"]["document_id"])  # one that follows a story
    for path in (
        "/updates",
        "/articles",
        "/feeds",
        "/digests",
        "/status",
        f"/articles/{item['item_id']}",
        f"/stories/{item['story']['document_id']}",
        "/digests/latest.html",
    ):
        page.goto(web.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 400, f"{path} is {width} px wide in a 400 px window"
    page.close()


def _assert_not_blank(png: Path) -> None:
    """A screenshot with content: its pixel data, inflated, holds many distinct byte values.

    A flat fill (a blank page) filters and inflates to a handful of values; text,
    links and highlights give dozens. No image library needed for that.
    """
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        length = struct.unpack(">I", data[offset : offset + 4])[0]
        kind = data[offset + 4 : offset + 8]
        if kind == b"IDAT":
            chunks.append(data[offset + 8 : offset + 8 + length])
        offset += 12 + length
    pixels = zlib.decompress(b"".join(chunks))
    assert len(set(pixels)) > 32, f"{png} looks blank ({len(set(pixels))} distinct values)"
