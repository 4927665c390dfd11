"""Browser fixtures: Debian's Chromium, driven by Playwright, against pytest-django's live server.

Playwright's own browser download does not work here, so the tests launch /usr/bin/chromium.
Without it they skip, unless REQUIRE_BROWSER=1 (set by CI), where a missing browser fails.
"""

import os
import shutil

import pytest
from django.core.management import call_command

from conftest import MINUTES_FIXTURES

from .helpers import AXE_RULES_CHECKED, CHROMIUM, CHROMIUM_ARGS, DESKTOP, MISSING_MESSAGE, PHONE, TIMEOUT_MS


@pytest.fixture(scope="session")
def chromium_path():
    if shutil.which(CHROMIUM):
        return CHROMIUM
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(f"{MISSING_MESSAGE} (REQUIRE_BROWSER=1: CI must run them)", pytrace=False)
    pytest.skip(MISSING_MESSAGE)


@pytest.fixture(scope="package")
def playwright(chromium_path):
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio event loop running in the test's thread while it
    # is started. Django sees that loop and refuses ORM calls from this thread
    # (SynchronousOnlyOperation), although they are plain synchronous calls made between browser
    # steps. Allow them while Playwright runs, and only then: the fixture ends with this package,
    # so later tests (and the subprocesses they start) never inherit the setting.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    manager = sync_playwright().start()
    yield manager
    manager.stop()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="package")
def browser(playwright, chromium_path):
    browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """Open pages in fresh browser contexts (own cookies) on the live server."""
    contexts = []

    def make(viewport=DESKTOP, **options):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, locale="da-DK", **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture
def phone_page(new_page):
    return new_page(viewport=PHONE, is_mobile=True, has_touch=True)


@pytest.fixture
def minutes(live_server, editor_roles):
    """The data transcribed from the minutes, as `make run` loads it, and the editor roles."""
    call_command("loaddata", *MINUTES_FIXTURES, verbosity=0)


def pytest_terminal_summary(terminalreporter):
    # Shown in CI's output without -s: proof that axe ran, and how much it checked.
    if AXE_RULES_CHECKED:
        rules = set().union(*AXE_RULES_CHECKED.values())
        terminalreporter.write_sep("-", "axe-core accessibility checks")
        terminalreporter.write_line(
            f"{len(rules)} WCAG 2.1 A/AA rules checked on {len(AXE_RULES_CHECKED)} page views: "
            + ", ".join(sorted(AXE_RULES_CHECKED))
        )
