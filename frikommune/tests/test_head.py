"""Each page's head: a description and Open Graph tags for search engines and shared links, and an icon."""

import html
import re

import pytest

from trials.models import Trial

pytestmark = pytest.mark.django_db


def meta(page, attribute, name):
    found = re.search(rf'<meta {attribute}="{name}" content="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def test_every_public_page_has_a_description_and_open_graph_tags(public_urls, client):
    missing = []
    for url in public_urls:
        response = client.get(url)
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        for attribute, name in [("name", "description"), ("property", "og:title"), ("property", "og:description")]:
            if not meta(page, attribute, name):
                missing.append(f"{url} {name}")
    assert missing == []


def test_a_trial_is_described_by_its_own_summary_or_by_its_title(minutes_data, client):
    trial = Trial.objects.public().first()
    trial.summary = "Borgere i ressourceforløb får én kontaktperson. " * 10
    trial.save()

    page = client.get(trial.get_absolute_url()).content.decode()
    others = client.get(Trial.objects.public().exclude(pk=trial.pk).first().get_absolute_url()).content.decode()

    assert meta(page, "property", "og:title") == trial.title
    assert meta(page, "name", "description").rstrip("…") in trial.summary
    assert meta(page, "property", "og:url") == f"http://testserver{trial.get_absolute_url()}"
    assert meta(others, "name", "description").startswith("Frikommuneforsøget “")


def test_a_meeting_is_described_by_its_committee_and_date(minutes_data, client):
    page = client.get("/moeder/").content.decode()
    meeting_url = re.search(r'href="(/moeder/[^"/]+/\d{4}-\d\d-\d\d/)"', page).group(1)

    description = meta(client.get(meeting_url).content.decode(), "name", "description")

    assert description.startswith("Dagsorden og referat af mødet i ")
    assert " Kommune, " in description


def test_the_favicon_is_an_svg_among_the_static_files(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"].endswith("favicon.svg")
    assert not response.cookies
    assert b'<link rel="icon" href="/static/favicon.svg"' in client.get("/om/").content
