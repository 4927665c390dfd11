"""On a phone (390 px) every column of the register's tables can be read, and chart labels draw at 12 px or more."""

import pytest
from playwright.sync_api import expect

from .helpers import LIVE_DB, PHONE, assert_fits

pytestmark = LIVE_DB

# Where an element lies on the screen, and the label DKFDS's card layout writes before a cell.
BOX = """e => { const r = e.getBoundingClientRect();
    return {left: r.left, right: r.right, width: r.width, label: getComputedStyle(e, '::before').content}; }"""


def assert_on_screen(locator, width=PHONE["width"]):
    box = locator.evaluate(BOX)
    assert box["width"] > 0 and box["left"] >= 0 and box["right"] <= width, box
    return box


def test_trial_list_shows_each_trials_status_and_municipalities_as_a_card(phone_page, minutes):
    page = phone_page
    page.goto("/forsoeg/")
    assert_fits(page, PHONE["width"])
    row = page.locator("main table.table--responsive-headers tbody tr").first
    status, count = row.locator("td").nth(1), row.locator("td").nth(2)
    assert assert_on_screen(status)["label"] == '"Status: "'
    assert assert_on_screen(count)["label"] == '"Kommuner: "'
    expect(status.locator(".tag")).to_be_visible()


def test_participation_matrix_puts_the_chosen_municipality_first_and_says_that_it_scrolls(phone_page, minutes):
    page = phone_page
    page.goto("/forsoeg/?kommune=hjoerring")
    assert_fits(page, PHONE["width"])
    columns = page.locator(".matrix thead th.municipality")
    expect(columns.first).to_have_text("Hjørring")
    assert_on_screen(columns.first)
    scroller = page.locator(".matrix").locator("xpath=..")
    assert scroller.evaluate("e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX === 'auto'")
    expect(page.locator(".table-scroll-hint")).to_be_visible()
    # The last municipality is reached by scrolling the table, not the page.
    scroller.evaluate("e => { e.scrollLeft = e.scrollWidth; }")
    assert_on_screen(columns.last)


def test_scroll_hint_is_hidden_where_the_matrix_fits(new_page, minutes):
    page = new_page()  # desktop
    page.goto("/forsoeg/")
    expect(page.locator(".table-scroll-hint")).to_be_hidden()


def test_home_pages_round_table_shows_the_approved_count_on_a_phone(phone_page, minutes):
    page = phone_page
    page.goto("/")
    assert_fits(page, PHONE["width"])
    table = page.locator("main table.table--responsive-headers")
    approved = table.locator("tbody tr").first.locator("td").nth(2)
    box = assert_on_screen(approved)
    assert box["label"] == '"Godkendt helt eller delvist: "'
    expect(approved).to_have_text("5")


@pytest.mark.parametrize("width", [320, PHONE["width"], 600, 800, 1280])
def test_chart_labels_draw_at_12_px_or_more(new_page, minutes, width):
    page = new_page(viewport={"width": width, "height": 900})
    page.goto("/")
    sizes = page.evaluate(
        """() => [...document.querySelectorAll('svg.chart text')].map(t =>
            [t.textContent.trim(), parseFloat(getComputedStyle(t).fontSize) * t.ownerSVGElement.getScreenCTM().a])"""
    )
    assert len(sizes) >= 10  # both charts drew their labels
    small = [(text, round(size, 1)) for text, size in sizes if size < 12]
    assert not small, f"at {width} px: {small}"
