"""Keyboard only: the skip link, the main menu (wide and in the phone's drawer) and the filters."""

import re

from playwright.sync_api import expect

from .helpers import LIVE_DB, PHONE, focused, tab_until

pytestmark = LIVE_DB


def test_first_tab_reaches_the_skip_link_and_enter_moves_focus_to_main_content(page, minutes):
    page.goto("/forsoeg/")

    page.keyboard.press("Tab")
    skip_link = page.locator("a.skipnav")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")

    expect(page.locator("main#main-content")).to_be_focused()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('main') !== null"), focused(page)


def test_main_menu_works_with_the_keyboard_on_a_wide_screen(page, minutes):
    page.goto("/")

    tab_until(page, "e => e.closest('nav.navigation-menu') && e.textContent.trim() === 'Kommuner'")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/kommuner/$"))
    expect(page.locator("h1")).to_have_text("Kommuner")


def test_menu_button_opens_the_drawer_and_its_links_work_with_the_keyboard_on_a_phone(new_page, minutes):
    page = new_page(viewport=PHONE)
    page.goto("/")
    drawer = page.locator("#mobile-drawer")
    expect(drawer).to_be_hidden()

    tab_until(page, "e => e.matches('button.js-menu-open')")
    page.keyboard.press("Enter")
    expect(drawer).to_be_visible()
    tab_until(page, "e => e.closest('#mobile-drawer nav') && e.textContent.trim() === 'Møder'", limit=20)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/moeder/$"))


def test_trial_filters_can_be_set_and_submitted_with_the_keyboard(page, minutes):
    page.goto("/forsoeg/")
    status = page.locator("#id_status")

    tab_until(page, "e => e.id === 'id_status'")
    for _ in range(len(status.locator("option").all())):
        if status.input_value() == "not_started":
            break
        page.keyboard.press("ArrowDown")
    assert status.input_value() == "not_started"
    tab_until(page, "e => e.type === 'submit' && e.closest('form.filters')", limit=5)
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"status=not_started"))
    rows = page.locator("main table").first.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Fritagelse for uddannelsespålæg for en særlig målgruppe")
