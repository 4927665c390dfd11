"""A feed for each trial, municipality and committee: valid Atom, public content only, bounded, fixed queries."""

import datetime
import xml.etree.ElementTree as ET

import icalendar
import pytest
from django.utils import timezone

from meetings.tests.factories import (
    AgendaItemFactory,
    CommitteeDecisionFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
)
from news.tests.factories import NewsItemFactory
from pagecache.models import DataVersion
from search.indexing import deferred
from trials.models import Participation, Trial
from trials.tests.factories import MunicipalityFactory, ParticipationFactory, TrialFactory

ATOM = "{http://www.w3.org/2005/Atom}"
TRIAL = "/forsoeg/psykologbehandling-i-jobcenterindsatsen/"
SUBJECT_PAGES = [TRIAL, "/kommuner/aalborg/", "/moeder/beskaeftigelsesudvalget/"]


def feed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def entry_ids(client, url):
    return [entry.findtext(f"{ATOM}id") for entry in feed(client, url).findall(f"{ATOM}entry")]


def entry_titles(client, url):
    return [entry.findtext(f"{ATOM}title") for entry in feed(client, url).findall(f"{ATOM}entry")]


def assert_valid_atom(root):
    """RFC 4287 §4.1.1–4.1.2: the feed's id, title, updated and author; each entry's id, title, updated and
    link (no content, so an alternate link is required)."""
    for name in ("id", "title", "updated"):
        assert root.findtext(f"{ATOM}{name}"), name
    assert root.find(f"{ATOM}author/{ATOM}name").text
    datetime.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{name}"), name
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://testserver/")
    ids = [entry.findtext(f"{ATOM}id") for entry in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("page", SUBJECT_PAGES)
def test_subject_feed_is_valid_atom_dated_by_its_data(minutes_data, client, page):
    root = feed(client, page + "feed/")
    assert_valid_atom(root)
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://testserver{page}"
    entries = root.findall(f"{ATOM}entry")
    assert entries
    # The feed's updated is its newest entry's: the data's date, not the clock.
    assert root.findtext(f"{ATOM}updated") == max(entry.findtext(f"{ATOM}updated") for entry in entries)
    assert root.findtext(f"{ATOM}updated").startswith("2018-01-23")


@pytest.mark.parametrize("page", SUBJECT_PAGES)
def test_subject_feed_works_in_english_too(minutes_data, client, page):
    root = feed(client, f"/en{page}feed/")
    assert root.find(f"{ATOM}link[@rel='alternate']").get("href") == f"http://testserver/en{page}"


def test_trial_feed_holds_its_decisions_and_agenda_items(minutes_data, client):
    titles = entry_titles(client, TRIAL + "feed/")
    assert any("Beskæftigelsesudvalget: Punkt 6." in title for title in titles)
    assert any(title.startswith("Beskæftigelsesudvalget 23.01.2018: Punkt 6.") for title in titles)


def test_committee_feed_holds_its_meeting_with_its_agenda_titles(minutes_data, client):
    root = feed(client, "/moeder/beskaeftigelsesudvalget/feed/")
    meeting = next(e for e in root.findall(f"{ATOM}entry") if "moede" in e.findtext(f"{ATOM}id"))
    assert meeting.findtext(f"{ATOM}title") == "Møde i Beskæftigelsesudvalget 23.01.2018"
    assert "Punkt 8. Orientering fra rådmand og direktør" in meeting.findtext(f"{ATOM}summary")


@pytest.mark.parametrize(
    "url",
    [
        "/forsoeg/intet-forsoeg/feed/",
        "/kommuner/ingen-kommune/feed/",
        "/moeder/intet-udvalg/feed/",
        "/en/moeder/intet-udvalg/feed/",
        "/kommuner/ingen-kommune/kalender.ics",
    ],
)
def test_feed_of_an_unknown_subject_is_not_found(db, client, url):
    assert client.get(url).status_code == 404


def test_feed_of_a_draft_trial_is_not_found(db, client):
    draft = TrialFactory(is_published=False)
    assert client.get(f"/forsoeg/{draft.slug}/feed/").status_code == 404


def test_trial_feed_holds_what_became_public_on_it_and_no_draft(db, client):
    trial = TrialFactory()
    public = CommitteeDecisionFactory(text="offentlig beslutning")
    public.trials.add(trial)
    for draft in (
        CommitteeDecisionFactory(text="kladdebeslutning", is_published=False),
        CommitteeDecisionFactory(text="upubliceret møde", agenda_item__meeting__is_published=False),
    ):
        draft.trials.add(trial)
    AgendaItemFactory(title="Punkt på upubliceret møde", meeting__is_published=False).trials.add(trial)
    AgendaItemFactory(title="Offentligt punkt").trials.add(trial)
    DocumentFactory(title="Offentligt dokument", date=datetime.date(2018, 3, 1)).trials.add(trial)
    DocumentFactory(title="Kladdedokument", date=datetime.date(2018, 3, 1), is_published=False).trials.add(trial)
    NewsItemFactory(title="Offentlig nyhed").trials.add(trial)
    NewsItemFactory(title="Kladdenyhed", is_published=False).trials.add(trial)
    TrialFactory(is_published=False)  # another subject's drafts do not matter here

    text = client.get(f"/forsoeg/{trial.slug}/feed/").content.decode()
    for word in ("offentlig beslutning", "Offentligt punkt", "Offentligt dokument", "Offentlig nyhed"):
        assert word in text
    for word in ("kladdebeslutning", "upubliceret møde", "Punkt på upubliceret møde", "Kladdedokument", "Kladdenyhed"):
        assert word not in text


def test_document_without_its_file_links_to_the_trial(db, client):
    trial = TrialFactory()
    DocumentFactory(title="Rapport", date=datetime.date(2018, 3, 1), is_file_public=False).trials.add(trial)
    entry = feed(client, f"/forsoeg/{trial.slug}/feed/").find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == f"http://testserver/forsoeg/{trial.slug}/"


def test_municipality_feed_holds_its_committees_decisions_those_on_its_trials_and_its_participations(db, client):
    municipality = MunicipalityFactory()
    own = CommitteeDecisionFactory(agenda_item__meeting__committee__municipality=municipality, text="egen beslutning")
    trial = TrialFactory(title="Fælles forsøg")
    ParticipationFactory(trial=trial, municipality=municipality)
    on_its_trial = CommitteeDecisionFactory(text="beslutning om forsøget")
    on_its_trial.trials.add(trial)
    draft_trial = TrialFactory(title="Kladdeforsøg", is_published=False)
    ParticipationFactory(trial=draft_trial, municipality=municipality)
    on_draft_trial = CommitteeDecisionFactory(text="beslutning om kladdeforsøg")
    on_draft_trial.trials.add(draft_trial)
    CommitteeDecisionFactory(text="en anden kommunes beslutning")

    text = client.get(f"/kommuner/{municipality.slug}/feed/").content.decode()
    assert own.text in text
    assert on_its_trial.text in text
    assert f"{municipality.name} Kommune i forsøget “Fælles forsøg” (ansøger)" in text
    for word in ("Kladdeforsøg", "beslutning om kladdeforsøg", "en anden kommunes beslutning"):
        assert word not in text


def test_committee_feed_holds_its_published_meetings_and_decisions_only(db, client):
    committee = CommitteeFactory()
    MeetingFactory(committee=committee, date=datetime.date(2019, 5, 6))
    MeetingFactory(committee=committee, date=datetime.date(2019, 6, 6), is_published=False)
    CommitteeDecisionFactory(agenda_item__meeting__committee=committee, text="udvalgets beslutning")
    CommitteeDecisionFactory(text="et andet udvalgs beslutning")
    text = client.get(f"/moeder/{committee.slug}/feed/").content.decode()
    assert f"Møde i {committee.name} 06.05.2019" in text
    assert "06.06.2019" not in text
    assert "udvalgets beslutning" in text
    assert "et andet udvalgs beslutning" not in text


SECRET = "lukketbeslutningsord"


def test_a_closed_item_shows_its_title_only_in_every_subject_feed(db, client):
    trial = TrialFactory()
    item = AgendaItemFactory(
        title="Lukket punkt", is_closed=True, proposal=SECRET, decision=SECRET, case_description=SECRET
    )
    item.trials.add(trial)
    decision = CommitteeDecisionFactory(agenda_item=item, text=SECRET)
    decision.trials.add(trial)
    ParticipationFactory(trial=trial, municipality=item.meeting.committee.municipality)
    DocumentFactory(title=SECRET, agenda_item=item, meeting=item.meeting).trials.add(trial)
    committee = item.meeting.committee
    feeds = {
        "trial": client.get(f"/forsoeg/{trial.slug}/feed/").content.decode(),
        "municipality": client.get(f"/kommuner/{committee.municipality.slug}/feed/").content.decode(),
        "committee": client.get(f"/moeder/{committee.slug}/feed/").content.decode(),
    }
    assert {name: SECRET in text for name, text in feeds.items()} == dict.fromkeys(feeds, False)
    # The committee's meeting names its items by title; the trial's feed does not say a closed item concerns it.
    assert "Lukket punkt" in feeds["committee"]
    assert "Lukket punkt" not in feeds["trial"]


def test_feeds_hold_the_50_newest_entries(db, client):
    trial = TrialFactory()
    first_day = datetime.date(2020, 1, 1)
    decisions = []
    for n in range(40):
        decision = CommitteeDecisionFactory(decided_on=first_day + datetime.timedelta(days=2 * n))
        decision.trials.add(trial)
        decisions.append(decision)
    news = [NewsItemFactory(date=first_day + datetime.timedelta(days=2 * n + 1)) for n in range(40)]
    for news_item in news:
        news_item.trials.add(trial)
    ids = entry_ids(client, f"/forsoeg/{trial.slug}/feed/")
    assert len(ids) == 50
    # The newest 25 of each kind, interleaved by day, newest first.
    assert ids[:2] == [
        f"urn:frikommuneportalen:nyhed:{news[-1].pk}",
        f"urn:frikommuneportalen:beslutning:{decisions[-1].pk}",
    ]
    assert ids[-1] == f"urn:frikommuneportalen:beslutning:{decisions[15].pk}"


@pytest.fixture
@deferred()  # the search index written once at the end, not once per save
def lots_of_data(db):
    """Much more than the minutes: one trial, municipality and committee with hundreds of records each."""
    municipality = MunicipalityFactory(slug="stor-kommune")
    committee = CommitteeFactory(slug="stort-udvalg", municipality=municipality)
    trial = TrialFactory(slug="stort-forsoeg")
    ParticipationFactory(trial=trial, municipality=municipality)
    for other in TrialFactory.create_batch(120):
        ParticipationFactory(trial=other, municipality=municipality)
    for n in range(120):
        meeting = MeetingFactory(committee=committee)
        item = AgendaItemFactory(meeting=meeting, number=1, is_closed=n % 5 == 0)
        item.trials.add(trial)
        decision = CommitteeDecisionFactory(agenda_item=item, decided_on=meeting.date if n % 2 else None)
        decision.trials.add(trial)
        DocumentFactory(meeting=meeting, agenda_item=item).trials.add(trial)
        AgendaItemFactory(meeting=meeting, number=2)
    for news_item in NewsItemFactory.create_batch(120):
        news_item.trials.add(trial)
    return trial, municipality, committee


@pytest.mark.parametrize(
    ("url", "budget"),
    [
        # The trial; its decisions, agenda items, documents and news.
        ("/forsoeg/stort-forsoeg/feed/", 5),
        # The municipality; its decisions and participations.
        ("/kommuner/stor-kommune/feed/", 3),
        # The committee; its meetings, their agenda titles, its decisions.
        ("/moeder/stort-udvalg/feed/", 4),
        # The municipality and its committees' meetings with their agenda titles.
        ("/kommuner/stor-kommune/kalender.ics", 3),
    ],
)
def test_subject_feeds_keep_a_fixed_query_count(lots_of_data, client, django_assert_max_num_queries, url, budget):
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries(budget + 1):
        response = client.get(url)
    assert response.status_code == 200
    if url.endswith("/feed/"):
        assert len(ET.fromstring(response.content).findall(f"{ATOM}entry")) == 50


@pytest.mark.parametrize("page", SUBJECT_PAGES)
def test_subject_feed_answers_conditional_requests(minutes_data, client, page):
    # The page cache gives no Last-Modified within the second of a change (pagecache/tests).
    DataVersion.objects.filter(id=1).update(changed_at=timezone.now() - datetime.timedelta(hours=1))
    first = client.get(page + "feed/")
    assert first.status_code == 200
    assert client.get(page + "feed/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304
    assert client.get(page + "feed/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304


@pytest.mark.parametrize("page", SUBJECT_PAGES)
def test_subject_page_announces_its_feed_and_offers_it_in_a_follow_box(minutes_data, client, page):
    text = client.get(page).content.decode()
    head = text[: text.index("</head>")]
    assert '<link rel="alternate" type="application/atom+xml" title="Nyt ' in head
    assert f'href="{page}feed/"' in head
    box = text[text.index('class="follow-box"') :]
    box = box[: box.index("</section>")]
    assert f'href="{page}feed/"' in box
    assert "<h2" in box and "Følg" in box


def test_english_subject_page_announces_its_english_feed(minutes_data, client):
    text = client.get(f"/en{TRIAL}").content.decode()
    assert f'href="/en{TRIAL}feed/"' in text


def test_follow_box_offers_the_committees_calendar(minutes_data, client):
    text = client.get("/moeder/beskaeftigelsesudvalget/").content.decode()
    box = text[text.index('class="follow-box"') :]
    assert 'href="/moeder/beskaeftigelsesudvalget/kalender.ics"' in box[: box.index("</section>")]


def test_follow_box_offers_a_municipalitys_calendar_only_when_it_has_committees(minutes_data, client):
    aalborg = client.get("/kommuner/aalborg/").content.decode()
    assert aalborg.count('href="/kommuner/aalborg/kalender.ics"') == 2  # the head and the box
    thisted = client.get("/kommuner/thisted/").content.decode()
    assert "kalender.ics" not in thisted


def test_trial_page_offers_no_calendar(minutes_data, client):
    text = client.get(TRIAL).content.decode()
    assert "kalender.ics" not in text


def test_municipality_calendar_holds_its_committees_published_meetings(db, client):
    municipality = MunicipalityFactory()
    ours = MeetingFactory(committee__municipality=municipality, date=datetime.date.today())
    MeetingFactory(committee__municipality=municipality, date=datetime.date.today(), is_published=False)
    MeetingFactory(date=datetime.date.today())
    response = client.get(f"/kommuner/{municipality.slug}/kalender.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = icalendar.Calendar.from_ical(response.content.decode()).walk("VEVENT")
    assert [str(event["UID"]) for event in events] == [f"moede-{ours.pk}@frikommuneportalen"]


def test_participation_without_history_or_day_is_left_out(db, client):
    participation = ParticipationFactory()
    participation.history.all().delete()
    assert entry_ids(client, f"/kommuner/{participation.municipality.slug}/feed/") == []
    Participation.objects.filter(pk=participation.pk).update(joined_on=datetime.date(2019, 1, 1))
    assert entry_ids(client, f"/kommuner/{participation.municipality.slug}/feed/") == [
        f"urn:frikommuneportalen:deltagelse:{participation.pk}"
    ]
    assert Trial.objects.count() == 1
