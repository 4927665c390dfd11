"""A document is public only where what it hangs on is public, on every page, feed, search and download."""

import io

import pytest
from django.urls import reverse

from conftest import sitemap_urls
from meetings.models import Document
from meetings.tests import samples
from meetings.tests.factories import AgendaItemFactory, CommitteeDecisionFactory, DocumentFactory, MeetingFactory
from news.tests.factories import NewsItemFactory
from trials.tests.factories import ParticipationFactory, TrialFactory

pytestmark = pytest.mark.django_db

FIXED_URLS = [
    "/",
    "/forsoeg/",
    "/kommuner/",
    "/ansoegningsrunder/",
    "/moeder/",
    "/moeder/kalender.ics",
    "/vidensdeling/",
    "/feeds/beslutninger/",
    "/feeds/nyheder/",
    "/sitemap.xml",
]


def stored_document(title, **kwargs):
    """A published evaluation report with a stored PDF, searchable by its title and its text."""
    document = DocumentFactory(
        title=title,
        kind=Document.Kind.EVALUATION_REPORT,
        extracted_text=f"{title}tekst",
        mime_type="application/pdf",
        original_name=f"{title}.pdf",
        is_published=True,
        **kwargs,
    )
    document.file.save(f"{title}.pdf", io.BytesIO(samples.pdf_with_text(title)))
    return document


def on_draft_trial(document):
    document.trials.add(TrialFactory(is_published=False))


def on_draft_news(document):
    document.news_items.add(NewsItemFactory(is_published=False))


def on_draft_trial_and_draft_news(document):
    on_draft_trial(document)
    on_draft_news(document)


def at_unpublished_meeting(document):
    document.meeting = MeetingFactory(is_published=False)
    document.save()


def at_closed_item(document):
    meeting = MeetingFactory(is_published=True)
    document.meeting = meeting
    document.agenda_item = AgendaItemFactory(meeting=meeting, is_closed=True)
    document.save()


def at_item_of_unpublished_meeting(document):
    document.agenda_item = AgendaItemFactory(meeting=MeetingFactory(is_published=False))
    document.save()


HIDDEN_PLACES = {
    "draft trial": on_draft_trial,
    "draft news item": on_draft_news,
    "draft trial and draft news item": on_draft_trial_and_draft_news,
    "unpublished meeting": at_unpublished_meeting,
    "closed item": at_closed_item,
    "item of an unpublished meeting": at_item_of_unpublished_meeting,
}


@pytest.fixture
def public_site():
    """Something public of every kind, so that every page and feed has rows to list."""
    trial = TrialFactory(title="Offentligt forsøg")
    ParticipationFactory(trial=trial)
    meeting = MeetingFactory(is_published=True)
    item = AgendaItemFactory(meeting=meeting)
    item.trials.add(trial)
    CommitteeDecisionFactory(agenda_item=item, committee=meeting.committee, is_published=True).trials.add(trial)
    news_item = NewsItemFactory(title="Offentlig nyhed")
    news_item.trials.add(trial)
    return {"trial": trial, "meeting": meeting, "item": item, "news_item": news_item}


def public_urls(client, words):
    """The fixed routes, every URL in the sitemap's sections, and a search for each word."""
    return sorted(set(FIXED_URLS + sitemap_urls(client) + [f"/soeg/?q={word}" for word in words]))


def search_results(body):
    # The search page repeats the query in its box; what must not show is a result.
    return body[body.find('<ol class="search-results') :] if '<ol class="search-results' in body else ""


def pages_showing(client, urls, words):
    shown = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        if url.startswith("/soeg/"):
            body = search_results(body)
        shown += [(url, word) for word in words if word.lower() in body]
    return shown


@pytest.mark.parametrize("place", sorted(HIDDEN_PLACES))
def test_document_hanging_only_on_something_hidden_is_nowhere_in_public(public_site, client, place):
    document = stored_document("skjultdokument")
    HIDDEN_PLACES[place](document)
    words = ["skjultdokument", "skjultdokumenttekst"]

    urls = public_urls(client, words)
    assert public_site["trial"].get_absolute_url() in urls
    assert public_site["meeting"].get_absolute_url() in urls
    assert pages_showing(client, urls, words) == []
    assert not Document.objects.public().filter(pk=document.pk).exists()


@pytest.mark.parametrize("place", sorted(HIDDEN_PLACES))
def test_document_hanging_only_on_something_hidden_is_not_downloadable(client, place):
    document = stored_document("skjultfil")
    HIDDEN_PLACES[place](document)

    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 404


def test_document_of_a_published_and_a_draft_trial_is_public_with_the_published_one(public_site, client):
    document = stored_document("deltdokument")
    draft = TrialFactory(is_published=False)
    document.trials.add(public_site["trial"], draft)

    assert "deltdokument" in client.get(public_site["trial"].get_absolute_url()).content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "deltdokument" in client.get("/vidensdeling/").content.decode()
    assert "deltdokument" in search_results(client.get("/soeg/", {"q": "deltdokument"}).content.decode())
    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 200


def test_document_of_a_published_news_item_and_a_draft_trial_is_public(public_site, client):
    document = stored_document("nyhedsdokument")
    document.news_items.add(public_site["news_item"])
    document.trials.add(TrialFactory(is_published=False))

    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 200


def test_attachment_of_a_published_meeting_stays_public_when_also_linked_to_a_draft_trial(public_site, client):
    document = stored_document("moedebilag", meeting=public_site["meeting"], agenda_item=public_site["item"])
    document.trials.add(TrialFactory(is_published=False))

    assert "moedebilag" in client.get(public_site["meeting"].get_absolute_url()).content.decode()
    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 200


def test_published_document_hanging_on_nothing_is_public(client):
    document = stored_document("netvaerksdokument")

    assert "netvaerksdokument" in client.get("/vidensdeling/").content.decode()
    assert client.get(reverse("meetings:document_download", args=[document.pk])).status_code == 200


def test_document_of_many_published_trials_is_one_public_row():
    document = DocumentFactory()
    document.trials.add(*TrialFactory.create_batch(3), TrialFactory(is_published=False))
    document.news_items.add(*NewsItemFactory.create_batch(2))

    assert list(Document.objects.public()) == [document]


# --- links to files go through the checked download view ------------------------------------


def test_no_public_page_or_search_result_links_a_document_to_its_storage_path(public_site, client):
    parentless = stored_document("lenkedokument")
    on_trial = stored_document("lenkeforsoeg")
    on_trial.trials.add(public_site["trial"])
    at_meeting = stored_document("lenkebilag", meeting=public_site["meeting"], agenda_item=public_site["item"])

    urls = public_urls(client, ["lenkedokument", "lenkeforsoeg", "lenkebilag"])
    bodies = {url: client.get(url).content.decode() for url in urls}

    storage_paths = [document.file.name for document in (parentless, on_trial, at_meeting)]
    assert all(path.startswith("documents/") for path in storage_paths)
    leaks = [url for url, body in bodies.items() if "/media/" in body or any(path in body for path in storage_paths)]
    assert leaks == []
    for document in (parentless, on_trial, at_meeting):
        download = reverse("meetings:document_download", args=[document.pk])
        assert download in search_results(bodies[f"/soeg/?q={document.title}"]), document.title
    assert reverse("meetings:document_download", args=[on_trial.pk]) in bodies[public_site["trial"].get_absolute_url()]
    assert (
        reverse("meetings:document_download", args=[at_meeting.pk]) in bodies[public_site["meeting"].get_absolute_url()]
    )
    assert reverse("meetings:document_download", args=[parentless.pk]) in bodies["/vidensdeling/"]
