"""What the browser journeys share: the browser's settings and steps a user takes in the admin."""

import re
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_MESSAGE = f"Chromium not found at {CHROMIUM}: browser tests skipped; install Debian's chromium package"
PROJECT_DIR = Path(__file__).resolve().parents[3]
AXE_SCRIPT = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000
PASSWORD = "et-langt-kodeord-til-testen-2018"

# Every browser test module is marked with this: the live server answers from other threads,
# so the database is transactional, and restored to its migrated state (the roles and their
# permissions come from a data migration) after each test.
LIVE_DB = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def admin_url(path=""):
    return f"/{settings.ADMIN_URL}{path}"


def log_in(page, username, password=PASSWORD):
    """Log in through the admin's login form, as an editor would."""
    page.goto(admin_url())
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(re.escape(admin_url()) + r"$"))


def choose_autocomplete(page, select_id, text):
    """Pick `text` in an admin autocomplete (select2) field by typing, as an editor would."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.click(f".select2-container--open .select2-results__option:text-is('{text}')")


def focused(page):
    """A short description of the focused element: tag, id, and text."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.tagName.toLowerCase()}#${e.id} ${(e.textContent || '').trim().slice(0, 60)}`; }"
    )


def tab_until(page, predicate_js, limit=80):
    """Press Tab until `predicate_js` (called with the focused element) holds; fail after `limit`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => ({predicate_js})(document.activeElement)"):
            return
    raise AssertionError(f"Tab did not reach the element within {limit} presses; focus is on {focused(page)}")
