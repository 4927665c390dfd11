"""The subscribe form on the public pages leaves them cookie-free and cached; /foelg/ says what is stored."""

import re

import pytest
from django.test import Client

from meetings.tests.factories import CommitteeFactory
from trials.tests.factories import MunicipalityFactory, TrialFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages():
    trial = TrialFactory(slug="rehabiliteringsteams")
    municipality = MunicipalityFactory(slug="aalborg")
    committee = CommitteeFactory(slug="beskaeftigelsesudvalget", municipality=municipality)
    return {
        "/forsoeg/rehabiliteringsteams/": ("trial", trial.slug),
        "/kommuner/aalborg/": ("municipality", municipality.slug),
        "/moeder/beskaeftigelsesudvalget/": ("committee", committee.slug),
        "/soeg/?q=mentor+ledighed": ("search", "mentor ledighed"),
    }


def form_fields(html):
    form = re.search(r'<form method="post" action="([^"]*)" class="subscribe-form">(.*?)</form>', html, re.S)
    assert form, html
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form.group(2)))
    return form.group(1), hidden


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_each_subject_page_offers_the_form_without_cookie_or_token_and_stays_cached(
    pages, prefix, django_assert_num_queries
):
    client = Client()
    for url, (kind, subject) in pages.items():
        response = client.get(prefix + url)
        html = response.content.decode()
        assert response.status_code == 200
        assert form_fields(html) == (f"{prefix}/foelg/", {"kind": kind, "subject": subject})
        assert 'type="email" name="email"' in html
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies
        assert response["Cache-Control"].startswith("public")
        # The next visitor gets the stored page: one query, the data's version.
        with django_assert_num_queries(1):
            again = client.get(prefix + url)
        assert again.content == response.content
        assert not again.cookies
    assert not client.cookies


def test_the_search_offers_news_of_new_results(pages, client):
    html = client.get("/soeg/?q=mentor+ledighed").content.decode()
    assert "Få besked om nye resultater på e-mail" in html
    assert "Få besked om nye resultater" not in client.get("/soeg/").content.decode()


def test_the_follow_page_says_what_is_stored_why_and_for_how_long(client, db):
    response = client.get("/foelg/")
    html = response.content.decode()
    assert response.status_code == 200
    assert not response.cookies
    assert response["Cache-Control"].startswith("public")
    assert 'id="privatliv"' in html
    for words in ("e-mailadresse", "alene til at sende dig de mails", "indtil du afmelder dig", "sletter vi dem"):
        assert words in html
    assert "<form" not in html.split('<main id="main-content"')[1]
