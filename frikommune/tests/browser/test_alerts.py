"""A citizen on a phone follows a trial by e-mail, confirms from the mail, and unsubscribes from its link."""

import re

import pytest
from django.core import mail as outbox
from playwright.sync_api import expect

from alerts import mail
from alerts.models import Subscription

from .helpers import LIVE_DB, PHONE, assert_fits, describe_violations, run_axe

pytestmark = LIVE_DB

TRIAL = "/forsoeg/fritagelse-for-uddannelsespaalaeg-for-en-saerlig-maalgruppe/"
TRIAL_TITLE = "Fritagelse for uddannelsespålæg for en særlig målgruppe"


@pytest.fixture
def site_url(settings, live_server):
    """The mails' links point at the live server (the test's own process; mail goes to Django's outbox)."""
    settings.SITE_URL = live_server.url
    return live_server.url


def link_in(text, site_url, view):
    match = re.search(rf"{re.escape(site_url)}(/foelg/{view}/[^/\s]+/)", text)
    assert match, text
    return match.group(1)


def no_axe_violations(page):
    results = run_axe(page)
    assert not results["violations"], f"axe found on {page.url}:\n{describe_violations(results)}"


def test_follow_a_trial_on_a_phone_confirm_from_the_mail_and_unsubscribe(new_page, minutes, site_url):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True)
    page.goto(TRIAL)
    box = page.locator(".follow-box")
    box.get_by_label("Få besked på e-mail").fill("borger@example.dk")
    assert_fits(page, PHONE["width"])
    box.get_by_role("button", name="Følg på e-mail").click()
    expect(page.locator("h1")).to_have_text("Tjek din mail")
    expect(page.locator("main")).to_contain_text("Vi har sendt en mail til borger@example.dk")
    assert_fits(page, PHONE["width"])
    assert not Subscription.objects.exists()
    assert page.context.cookies() == []

    # The mail: text and HTML, with the same link to confirm.
    [message] = outbox.outbox
    assert message.to == ["borger@example.dk"]
    assert TRIAL_TITLE in message.subject
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    confirm_path = link_in(message.body, site_url, "bekraeft")
    assert confirm_path in html

    page.goto(confirm_path)
    assert not Subscription.objects.exists()  # opening the link alone (as a scanner does) stores nothing
    no_axe_violations(page)
    page.get_by_role("button", name="Ja, bekræft").click()
    expect(page.locator("h1")).to_have_text("Du følger nu")
    assert Subscription.objects.get().trial.title == TRIAL_TITLE

    page.get_by_role("link", name="Se og afmeld det, du følger").click()
    expect(page.locator("main")).to_contain_text(TRIAL_TITLE)
    assert_fits(page, PHONE["width"])
    no_axe_violations(page)
    page.get_by_role("button", name=f"Afmeld forsøget “{TRIAL_TITLE}”").click()
    expect(page.locator("main")).to_contain_text("borger@example.dk følger ikke noget")
    assert not Subscription.objects.exists()
    assert page.context.cookies() == []


def test_the_unsubscribe_link_of_a_mail_asks_before_it_deletes(new_page, minutes, site_url):
    """The link a digest carries (List-Unsubscribe, and in its text): a GET asks, the button unsubscribes."""
    from trials.models import Trial

    Subscription.objects.create(
        email="borger@example.dk",
        kind="trial",
        trial=Trial.objects.get(title=TRIAL_TITLE),
        confirmed_at="2026-01-01T00:00Z",
    )
    url = mail.list_unsubscribe_headers("borger@example.dk", "da")["List-Unsubscribe"].strip("<>")
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(url.removeprefix(site_url))
    expect(page.locator("h1")).to_have_text("Afmeld")
    assert Subscription.objects.exists()
    page.get_by_role("button", name="Ja, afmeld").click()
    expect(page.locator("h1")).to_have_text("Du er afmeldt")
    assert not Subscription.objects.exists()
