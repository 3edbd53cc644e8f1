"""A person in a browser: headless Chromium (Debian's) on `kg serve` with the seed article.

Opens Lloyd Austin's page, follows the link to the phone call, checks what the event page
says, and keeps a screenshot of each page in test-artifacts/ at the project root.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from kg.pipeline import Outcome
from tests.conftest import ROOT
from tests.test_serve_support import build_store, running_server

ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, seed_outcome: Outcome) -> Iterator[str]:
    store = build_store(tmp_path_factory.mktemp("browser") / "store", [seed_outcome])
    with running_server(store) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                              args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def shoot(page: Page, name: str) -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / name
    page.screenshot(path=str(path), full_page=True)
    return path


def test_from_lloyd_austin_to_the_phone_call(site: str, browser: Browser) -> None:
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    try:
        # The IRI itself, as a person would paste it: 303 See Other to the HTML page.
        page.goto(f"{site}/kg-news/id/person/lloyd-austin")
        assert page.url.endswith("/kg-news/id/person/lloyd-austin.html")
        assert page.locator("h1").inner_text() == "Lloyd Austin"
        assert "Pentagon Chief" in page.locator("main").inner_text()
        shoot(page, "serve-lloyd-austin.png")

        events = page.locator("h2:has-text('Events') + table")
        events.get_by_role("link", name="phone call").first.click()
        page.wait_for_load_state()
        assert "/kg-news/id/event/" in page.url

        heading = page.locator("h1").inner_text()
        facts = page.locator("h2:has-text('Facts') + table").inner_text()
        assert heading.startswith("phone call")
        assert "Lloyd Austin" in facts and "Andrei Belousov" in facts
        assert "2024-06-25" in facts
        assert "spoke by phone" in page.locator("main").inner_text()  # the sentence it came from
        assert shoot(page, "serve-phone-call.png").stat().st_size > 10_000
    finally:
        page.close()
