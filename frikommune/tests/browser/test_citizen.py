"""A citizen on a phone finds a trial by filters and by search, and follows it to a meeting."""

import re
from pathlib import Path

from playwright.sync_api import expect

from .helpers import LIVE_DB, PHONE, assert_fits

pytestmark = LIVE_DB

TRIAL_TITLE = "Fritagelse for uddannelsespålæg for en særlig målgruppe"
ITEM_LINK = "Beskæftigelsesudvalget, 23. januar 2018: punkt 6. Orientering om status på frikommuneforsøg"
# Screenshots for a person to look at; kept out of the repository.
SCREENSHOT_DIR = Path("/work/notes")


def snap(page, name, full_page=True):
    if SCREENSHOT_DIR.is_dir():
        page.screenshot(path=SCREENSHOT_DIR / f"e2e-{name}.png", full_page=full_page)


def test_citizen_on_a_phone_finds_a_trial_by_filter_and_search_and_reaches_its_meeting(phone_page, minutes):
    page = phone_page
    page.goto("/")
    assert_fits(page, PHONE["width"])
    snap(page, "1-home")

    # The menu is behind the menu button on a phone.
    drawer = page.locator("#mobile-drawer")
    expect(drawer).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    expect(drawer).to_be_visible()
    # The drawer slides in; wait until it is wholly on screen.
    page.wait_for_function(
        "e => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; }",
        arg=drawer.element_handle(),
    )
    snap(page, "2-menu", full_page=False)
    drawer.get_by_role("link", name="Forsøg", exact=True).click()
    expect(page).to_have_url(re.compile(r"/forsoeg/$"))

    page.get_by_label("Status").select_option("not_started")
    page.get_by_role("button", name="Vis forsøg").click()
    expect(page).to_have_url(re.compile(r"status=not_started"))
    rows = page.locator("main table").first.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text(TRIAL_TITLE)
    assert_fits(page, PHONE["width"])
    snap(page, "3-filtered")

    page.goto("/soeg/")
    page.get_by_label("Søg").fill("uddannelsespålæg")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(page).to_have_url(re.compile(r"q=uddannelsesp"))
    results = page.locator(".search-results")
    expect(results).to_contain_text(TRIAL_TITLE)
    assert_fits(page, PHONE["width"])
    snap(page, "4-search")
    results.get_by_role("link", name=TRIAL_TITLE, exact=True).first.click()

    expect(page.locator("h1")).to_have_text(TRIAL_TITLE)
    assert_fits(page, PHONE["width"])
    snap(page, "5-trial")
    page.locator("main").get_by_role("link", name=ITEM_LINK).click()

    expect(page).to_have_url(re.compile(r"/moeder/beskaeftigelsesudvalget/2018-01-23/#punkt-6$"))
    expect(page.locator("#punkt-6")).to_be_in_viewport()
    expect(page.locator("#punkt-6")).to_contain_text("Orientering om status på frikommuneforsøg")
    assert_fits(page, PHONE["width"])
    snap(page, "6-meeting", full_page=False)


def test_without_javascript_a_phone_shows_the_menu_in_the_page(new_page, minutes):
    page = new_page(viewport=PHONE, is_mobile=True, java_script_enabled=False)
    page.goto("/")

    expect(page.locator(".header .navigation-menu").get_by_role("link", name="Forsøg", exact=True)).to_be_visible()
    expect(page.locator(".button-menu-open")).to_be_hidden()


def test_with_javascript_a_phone_keeps_the_menu_behind_its_button(phone_page, minutes):
    phone_page.goto("/")

    expect(phone_page.locator(".button-menu-open")).to_be_visible()
    expect(phone_page.locator(".header .navigation-menu")).to_be_hidden()
