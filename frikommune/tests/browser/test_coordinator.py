"""A network coordinator edits a trial in the admin, and the public trial page shows it."""

import io
import re

from django.core.management import call_command
from playwright.sync_api import expect

from trials.models import Municipality, Trial

from .helpers import LIVE_DB, PASSWORD, admin_url, choose_autocomplete, log_in

pytestmark = LIVE_DB

TRIAL_SLUG = "forenkling-af-bevillingsgrundlaget-for-revalidering"


def test_coordinator_changes_status_and_adds_a_later_municipality_shown_on_trial_page(page, minutes, monkeypatch):
    monkeypatch.setenv("FRIKOMMUNE_PASSWORD", PASSWORD)
    call_command("createuser", "koordinator", "--role", "netvaerkskoordinator", stdout=io.StringIO())
    trial = Trial.objects.get(slug=TRIAL_SLUG)
    assert trial.status == Trial.Status.APPROVED
    newcomer = Municipality.objects.exclude(participations__trial=trial).order_by("name").first()

    log_in(page, "koordinator")
    page.goto(admin_url(f"trials/trial/{trial.pk}/change/"))
    page.select_option("#id_status", Trial.Status.STARTED)
    page.click("#participations-group .add-row a")
    row = int(page.input_value("#id_participations-TOTAL_FORMS")) - 1
    choose_autocomplete(page, f"id_participations-{row}-municipality", newcomer.name)
    page.select_option(f"#id_participations-{row}-kind", "joined_later")
    page.fill(f"#id_participations-{row}-joined_on", "01.03.2018")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist .success")).to_be_visible()

    page.goto(trial.get_absolute_url())
    expect(page.locator("dl.facts .tag")).to_have_text("Opstartet")
    joined = page.locator("h3:text-is('Tilsluttet senere') + ul")
    expect(joined).to_contain_text(f"Forsøget i {newcomer.name}, 1. marts 2018")
    joined.get_by_role("link", name=re.compile(newcomer.name)).click()
    expect(page.locator("h1")).to_contain_text(newcomer.name)


def test_the_trial_form_fits_a_1280_pixel_screen(page, minutes, monkeypatch):
    monkeypatch.setenv("FRIKOMMUNE_PASSWORD", PASSWORD)
    call_command("createuser", "koordinator", "--role", "netvaerkskoordinator", stdout=io.StringIO())
    trial = Trial.objects.filter(evaluations__isnull=False).distinct().first()

    log_in(page, "koordinator")
    page.goto(admin_url(f"trials/trial/{trial.pk}/change/"))
    expect(page.locator("#evaluations-group")).to_be_visible()

    width = page.evaluate("document.documentElement.scrollWidth")
    too_wide = page.evaluate(
        """[...document.querySelectorAll('th, fieldset')]
           .filter(element => element.getBoundingClientRect().right > 1280)
           .map(element => element.className || element.tagName)"""
    )
    assert width <= 1280, (width, too_wide)
