"""A closed agenda item shows its title and nothing else, on every public page, feed and search."""

import pytest

from meetings.models import AgendaItem, CommitteeDecision, Document

# One made-up word per withheld field, so a failure names the field that leaked.
SECRETS = {
    "proposal": "lukketindstillingord",
    "text": "lukkettekstord",
    "decision": "lukketbeslutningsord",
    "case_description": "lukketsagsbeskrivelsesord",
    "case_number": "LUKKET-SAG-4711",
    "attachment_title": "lukketbilagsord",
    "attachment_text": "lukketpdford",
    "committee_decision": "lukketudvalgsbeslutningsord",
}


@pytest.fixture
def closed_item_with_secrets(minutes_data):
    item = AgendaItem.objects.get(meeting_id=1, number=10)
    assert item.is_closed
    for field in ("proposal", "text", "decision", "case_description", "case_number"):
        setattr(item, field, SECRETS[field])
    item.save()
    item.trials.set([6])
    Document.objects.create(
        title=SECRETS["attachment_title"],
        kind=Document.Kind.ATTACHMENT,
        file="documents/lukket.pdf",
        extracted_text=SECRETS["attachment_text"],
        is_published=True,
        meeting_id=1,
        agenda_item=item,
    )
    decision = CommitteeDecision.objects.create(
        committee_id=1,
        agenda_item=item,
        outcome=CommitteeDecision.Outcome.APPROVED,
        text=SECRETS["committee_decision"],
        is_published=True,
    )
    decision.trials.set([6])
    return item


SEARCHES_FOR_SECRETS = [f"/soeg/?q={word}" for word in SECRETS.values()]


@pytest.fixture
def urls_to_search(closed_item_with_secrets, public_urls):
    """Every public URL, and a search for each secret."""
    return public_urls + SEARCHES_FOR_SECRETS


def test_public_urls_cover_every_kind_of_page(urls_to_search):
    for expected in (
        "/forsoeg/fleksibilitet-i-rehabiliteringsteams/",
        "/kommuner/aalborg/",
        "/netvaerk/nordjylland/ansoegningsrunder/2/",
        "/moeder/beskaeftigelsesudvalget/2018-01-23/",
        "/moeder/kalender.ics",
        "/moeder/beskaeftigelsesudvalget/kalender.ics",
        "/feeds/beslutninger/",
        # The subjects' own feeds and the municipalities' calendars.
        "/forsoeg/fleksibilitet-i-rehabiliteringsteams/feed/",
        "/kommuner/aalborg/feed/",
        "/kommuner/aalborg/kalender.ics",
        "/moeder/beskaeftigelsesudvalget/feed/",
    ):
        assert expected in urls_to_search
    assert any(url.startswith("/forsoeg/") and url.count("/") == 4 for url in urls_to_search)


def test_closed_item_text_never_appears_in_public(urls_to_search, client):
    leaks = []
    for url in urls_to_search:
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode().lower()
        if url in SEARCHES_FOR_SECRETS:
            # The search page repeats the query; what must not leak is a result.
            assert "0 resultater" in body, url
            body = body[body.find('<ol class="search-results') :]
        leaks += [(url, field) for field, word in SECRETS.items() if word.lower() in body]
    assert leaks == []


def test_closed_item_title_is_still_public(closed_item_with_secrets, client):
    page = client.get("/moeder/beskaeftigelsesudvalget/2018-01-23/").content.decode()
    assert "Orientering fra rådmand og direktør - lukket" in page


def test_closed_item_is_found_by_its_title(closed_item_with_secrets, client):
    page = client.get("/soeg/", {"q": "lukket"}).content.decode()
    assert "Punkt 10. Orientering fra rådmand og direktør - lukket" in page


def test_public_view_of_closed_item_cannot_be_saved(closed_item_with_secrets):
    item = AgendaItem.objects.public().get(pk=closed_item_with_secrets.pk)
    assert item.decision == ""
    assert list(item.attachments.all()) == []
    assert list(item.trials.all()) == []
    with pytest.raises(ValueError):
        item.save()
    closed_item_with_secrets.refresh_from_db()
    assert closed_item_with_secrets.decision == SECRETS["decision"]


def test_open_item_keeps_everything_in_public_view(minutes_data):
    item = AgendaItem.objects.public().get(meeting_id=1, number=6)
    assert item.case_number == "2017-064898"
    assert item.trials.count() == 19


def test_closed_item_is_not_listed_under_the_trial_it_concerns(closed_item_with_secrets, client):
    # Which trials a closed item concerns is withheld with its text, so the trial's pages leave it out.
    trial = closed_item_with_secrets.trials.get()
    participation = trial.participations.select_related("municipality").get(municipality__slug="aalborg")
    for url in (trial.get_absolute_url(), participation.get_absolute_url()):
        page = client.get(url).content.decode()
        assert closed_item_with_secrets.title not in page, url
