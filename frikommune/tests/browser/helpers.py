"""What the browser journeys share: the browser's settings and steps a user takes in the admin."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

# Debian's package; CHROMIUM_PATH points elsewhere (or nowhere, to try the skip).
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
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
# so the database is transactional (emptied after each test; conftest's `minutes` fills it).
LIVE_DB = pytest.mark.django_db(transaction=True)


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


def assert_fits(page, width):
    """The page needs no sideways scrolling at `width` CSS pixels (WCAG 1.4.10, Reflow)."""
    page.wait_for_load_state()  # measured with the stylesheets applied
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        wide = page.evaluate(
            """limit => [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > limit)
                .slice(0, 10).map(e => e.outerHTML.slice(0, 100))""",
            width,
        )
        raise AssertionError(f"{page.url} is {scroll_width}px wide at {width}px: {wide}")


# --- accessibility (axe-core from npm) ---------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Rule ids axe evaluated per page, for the summary at the end of the run.
AXE_RULES_CHECKED = {}


def run_axe(page):
    """Run axe-core's WCAG 2.1 A/AA rules on the page; the page's context must bypass its CSP."""
    if not AXE_SCRIPT.is_file():
        raise AssertionError(f"{AXE_SCRIPT} is missing: run `npm ci` (make install-dev does)")
    page.add_script_tag(path=str(AXE_SCRIPT))
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: 'tag', values: tags},
            resultTypes: ['violations'],
        })""",
        WCAG_TAGS,
    )


def rule_ids(results):
    return {rule["id"] for kind in ("passes", "violations", "incomplete", "inapplicable") for rule in results[kind]}


def describe_violations(results):
    lines = []
    for violation in results["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        lines += [f"    {node['target']}" for node in violation["nodes"]]
    return "\n".join(lines)
