"""A citizen on a phone mistypes a search, follows "Mente du …?" and lands on results, then narrows them."""

import re

from playwright.sync_api import expect

from .helpers import LIVE_DB, PHONE, assert_fits

pytestmark = LIVE_DB

TRIAL_TITLE = "Fleksibilitet i rehabiliteringsteams"


def test_phone_search_with_a_typo_follows_the_suggestion_to_results(phone_page, minutes):
    page = phone_page
    page.goto("/soeg/")
    page.get_by_label("Søg på portalen").fill("rehabilitring")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(page).to_have_url(re.compile(r"q=rehabilitring"))

    suggestion = page.locator(".search-suggestion")
    expect(suggestion).to_contain_text("Mente du: rehabiliteringsteams?")
    assert_fits(page, PHONE["width"])
    suggestion.get_by_role("link", name="rehabiliteringsteams").click()

    expect(page).to_have_url(re.compile(r"q=rehabiliteringsteams"))
    expect(page.locator(".search-suggestion")).to_have_count(0)
    results = page.locator(".search-results")
    expect(results).to_contain_text(TRIAL_TITLE)
    assert_fits(page, PHONE["width"])

    # Narrowed to trials, the trial is still found; the filter is a labelled field.
    page.get_by_label("Type").select_option(label="Forsøg")
    page.locator("main").get_by_role("button", name="Søg").click()
    expect(page).to_have_url(re.compile(r"type=forsoeg"))
    expect(results.locator(".search-result__kind").first).to_have_text("Forsøg")
    results.get_by_role("link", name=TRIAL_TITLE, exact=True).click()
    expect(page.locator("h1")).to_have_text(TRIAL_TITLE)
