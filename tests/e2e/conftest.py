"""Browser journeys: Playwright drives Debian's Chromium against a live server, and
axe-core checks every page visited for WCAG 2.1 A/AA violations."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

CHROMIUM = os.environ.get("KWARTIER_CHROMIUM", "/usr/bin/chromium")
AXE_JS = Path(__file__).resolve().parents[2] / "src/kwartier/core/static/vendor/axe-core/axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(os.environ.get("KWARTIER_SCREENSHOTS", "test-results/screenshots"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must install Debian's chromium")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; the ORM calls in the
    # tests are ordinary synchronous code, so Django's async guard is lifted meanwhile.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


class A11yViolation(AssertionError):
    pass


class Visitor:
    """A person in the browser. Every page they reach is checked with axe-core and for
    Content-Security-Policy errors, and a screenshot is kept for looking at."""

    def __init__(self, page, base_url: str, name: str) -> None:
        self.page = page
        self.base_url = base_url
        self.name = name
        self.checked: list[str] = []
        self.console_errors: list[str] = []
        page.on(
            "console",
            lambda message: message.type == "error" and self.console_errors.append(message.text),
        )

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        """Run axe on the page as it is now; fail on any WCAG 2.1 A/AA violation."""
        self.page.wait_for_load_state("load")
        self.page.evaluate(AXE_JS.read_text(encoding="utf-8"))
        result = self.page.evaluate(
            "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
            AXE_TAGS,
        )
        url = self.page.url.replace(self.base_url, "")
        self.checked.append(url)
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # Cut long query strings: a file name may have at most 255 bytes.
        safe = (url.strip("/").replace("/", "_").replace("?", "_") or "home")[:120]
        self.page.screenshot(
            path=str(SCREENSHOTS / f"{self.name}-{len(self.checked):02d}-{safe}.png"),
            full_page=True,
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} — "
            + "; ".join(
                node["target"][0] if isinstance(node["target"][0], str) else str(node["target"])
                for node in v["nodes"][:3]
            )
            for v in result["violations"]
        ]
        if violations:
            raise A11yViolation(f"axe on {url}:\n" + "\n".join(violations))
        csp = [e for e in self.console_errors if "Content Security Policy" in e]
        if csp:
            raise AssertionError(f"CSP violations on {url}: {csp}")


class VisitorFactory:
    """Makes a visitor with a browser context of their own, and remembers every one."""

    def __init__(self, browser: Any, base_url: str) -> None:
        self.browser = browser
        self.base_url = base_url
        self.contexts: list[Any] = []

    def __call__(self, name: str) -> Visitor:
        context = self.browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
        self.contexts.append(context)
        return Visitor(context.new_page(), self.base_url, name)


@pytest.fixture
def visitor_factory(browser, live_server) -> Iterator[VisitorFactory]:
    factory = VisitorFactory(browser, live_server.url)
    yield factory
    for context in factory.contexts:
        context.close()


@pytest.fixture
def run_worker(visitor_factory: VisitorFactory) -> Callable[[], None]:
    """Runs the queued background jobs in this thread, as the worker process would.

    On the in-memory SQLite test database the live server shares its connection with
    this thread, so a page polling a job's progress would race the worker: every
    visitor's page rests on ``about:blank`` meanwhile and then returns to where it was.
    """

    def run() -> None:
        pages = [page for context in visitor_factory.contexts for page in context.pages]
        parked = [(page, page.url) for page in pages if page.url.startswith("http")]
        for page, _url in parked:
            page.goto("about:blank")
        call_command("db_worker", batch=True, no_startup_delay=True, interval=0)
        for page, url in parked:
            page.goto(url)

    return run
