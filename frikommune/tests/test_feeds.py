"""Feeds, calendar, sitemap and robots.txt: valid, published content only, fixed query counts."""

import datetime
import xml.etree.ElementTree as ET
import zoneinfo

import icalendar
import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frikommune import sitemaps
from meetings.models import CommitteeDecision, months_before
from meetings.tests.factories import (
    AgendaItemFactory,
    CommitteeDecisionFactory,
    CommitteeFactory,
    MeetingFactory,
)
from news.tests.factories import NewsItemFactory
from trials.models import Trial
from trials.tests.factories import TrialFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def atom_entries(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root.findall(f"{ATOM}entry")


def test_decision_feed_lists_the_published_decisions_of_the_minutes(minutes_data, client):
    entries = atom_entries(client, "/feeds/beslutninger/")
    assert len(entries) == CommitteeDecision.objects.public().count() == 3
    summaries = [entry.findtext(f"{ATOM}summary") for entry in entries]
    assert "Til orientering." in summaries


def test_decision_feed_entries_link_to_the_decision_on_the_meeting_page(minutes_data, client):
    entry = atom_entries(client, "/feeds/beslutninger/")[0]
    link = entry.find(f"{ATOM}link").get("href")
    assert "/moeder/beskaeftigelsesudvalget/2018-01-23/#beslutning-" in link
    assert entry.findtext(f"{ATOM}id").startswith("urn:frikommuneportalen:beslutning:")


def test_decision_feed_leaves_out_unpublished_decisions_and_meetings(db, client):
    CommitteeDecisionFactory(text="kladde", is_published=False)
    CommitteeDecisionFactory(text="upubliceret møde", agenda_item__meeting__is_published=False)
    CommitteeDecisionFactory(text="offentlig")
    summaries = [e.findtext(f"{ATOM}summary") for e in atom_entries(client, "/feeds/beslutninger/")]
    assert summaries == ["offentlig"]


def test_decision_feed_keeps_a_fixed_query_count(db, client, django_assert_max_num_queries):
    CommitteeDecisionFactory.create_batch(50)
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries(1 + 1):
        client.get("/feeds/beslutninger/")


def test_decision_feed_holds_the_latest_50_decisions(db, client):
    first_day = datetime.date(2020, 1, 1)
    decisions = [CommitteeDecisionFactory(decided_on=first_day + datetime.timedelta(days=n)) for n in range(60)]
    ids = [entry.findtext(f"{ATOM}id") for entry in atom_entries(client, "/feeds/beslutninger/")]
    assert ids == [f"urn:frikommuneportalen:beslutning:{d.pk}" for d in reversed(decisions[10:])]


def test_decision_feed_dates_a_decision_without_a_day_by_its_meeting(db, client):
    """newest() takes the newest dated and undated decisions apart; the feed interleaves them by date."""
    first_day = datetime.date(2020, 1, 1)
    dated = [CommitteeDecisionFactory(decided_on=first_day + datetime.timedelta(days=2 * n)) for n in range(60)]
    undated = [
        CommitteeDecisionFactory(
            decided_on=None, agenda_item__meeting__date=first_day + datetime.timedelta(days=2 * n + 1)
        )
        for n in range(55, 60)
    ]
    ids = [entry.findtext(f"{ATOM}id") for entry in atom_entries(client, "/feeds/beslutninger/")]
    newest_first = [d for pair in zip(reversed(dated[55:]), reversed(undated), strict=True) for d in pair[::-1]]
    expected = newest_first + list(reversed(dated[15:55]))
    assert ids == [f"urn:frikommuneportalen:beslutning:{d.pk}" for d in expected]


def calendar(client, url="/moeder/kalender.ics"):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return response.content.decode()


def committee_calendar(client, committee="beskaeftigelsesudvalget"):
    return calendar(client, f"/moeder/{committee}/kalender.ics")


def calendar_uids(text):
    return {str(event["UID"]) for event in icalendar.Calendar.from_ical(text).walk("VEVENT")}


def uid(meeting):
    return f"moede-{meeting.pk}@frikommuneportalen"


def months_from_today(months):
    """A day about `months` months from today (negative: ago)."""
    return timezone.localdate() + datetime.timedelta(days=round(months * 30.5))


def test_calendar_has_one_event_per_published_meeting(db, client):
    MeetingFactory(is_published=False, date=months_from_today(-1))
    MeetingFactory(date=months_from_today(-1))
    MeetingFactory(date=months_from_today(1))
    text = calendar(client)
    assert text.startswith("BEGIN:VCALENDAR\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 2


def test_calendar_holds_the_last_three_months_and_the_upcoming_meetings(db, client):
    too_old = MeetingFactory(date=months_from_today(-4))
    recent = MeetingFactory(date=months_from_today(-2))
    next_month = MeetingFactory(date=months_from_today(1))
    in_two_years = MeetingFactory(date=months_from_today(24))
    assert calendar_uids(calendar(client)) == {uid(recent), uid(next_month), uid(in_two_years)}
    # Its committee's calendar goes further back, by count rather than by date.
    assert uid(too_old) in calendar_uids(committee_calendar(client, too_old.committee.slug))


def test_calendar_window_starts_the_same_day_three_months_ago(db, client):
    today = timezone.localdate()
    start = months_before(today, 3)
    assert (start.year * 12 + start.month) - (today.year * 12 + today.month) == -3
    first_day = MeetingFactory(date=start)
    a_day_more = MeetingFactory(date=start - datetime.timedelta(days=1))
    uids = calendar_uids(calendar(client))
    assert uid(first_day) in uids
    assert uid(a_day_more) not in uids


@pytest.mark.parametrize(
    "day, months, expected",
    [
        (datetime.date(2026, 11, 27), 3, datetime.date(2026, 8, 27)),
        (datetime.date(2026, 1, 15), 3, datetime.date(2025, 10, 15)),
        (datetime.date(2026, 5, 31), 3, datetime.date(2026, 2, 28)),
        (datetime.date(2028, 5, 31), 3, datetime.date(2028, 2, 29)),
        (datetime.date(2028, 2, 29), 12, datetime.date(2027, 2, 28)),
    ],
)
def test_months_before_keeps_the_day_or_takes_the_months_last(day, months, expected):
    assert months_before(day, months) == expected


def test_committee_calendar_holds_only_that_committees_meetings(db, client):
    ours = MeetingFactory(date=months_from_today(-1))
    MeetingFactory(date=months_from_today(-1))
    MeetingFactory(committee=ours.committee, date=months_from_today(1), is_published=False)
    text = committee_calendar(client, ours.committee.slug)
    assert calendar_uids(text) == {uid(ours)}
    assert f"X-WR-CALNAME:Frikommuneportalen: {ours.committee.name}" in text.replace("\r\n ", "")


def test_committee_calendar_holds_its_latest_100_meetings_and_the_upcoming_ones(db, client):
    committee = CommitteeFactory()
    past = [MeetingFactory(committee=committee, date=months_from_today(-1 - n)) for n in range(101)]
    upcoming = MeetingFactory(committee=committee, date=months_from_today(36))
    assert calendar_uids(committee_calendar(client, committee.slug)) == {uid(m) for m in [*past[:100], upcoming]}


def test_calendar_of_an_unknown_committee_is_not_found(db, client):
    assert client.get("/moeder/intet-udvalg/kalender.ics").status_code == 404


def test_committee_page_links_to_its_calendar(minutes_data, client):
    page = client.get("/moeder/beskaeftigelsesudvalget/").content.decode()
    assert '<link rel="alternate" type="text/calendar"' in page
    assert page.count('href="/moeder/beskaeftigelsesudvalget/kalender.ics"') == 2


def test_calendar_gives_the_meeting_time_in_utc_and_its_place(minutes_data, client):
    unfolded = committee_calendar(client).replace("\r\n ", "")
    assert "DTSTART:20180123T073000Z" in unfolded
    assert "DTEND:20180123T103000Z" in unfolded
    assert "LOCATION:Rådssalen\\, Jobhuset\\, Vestre Havnepromenade 15\\, Aalborg" in unfolded
    assert "Punkt 8. Orientering fra rådmand og direktør\\nPunkt 7." in unfolded


def test_calendar_lines_are_folded_at_75_octets(minutes_data, client):
    lines = committee_calendar(client).split("\r\n")
    assert max(len(line.encode()) for line in lines) <= 75


def test_calendar_escapes_text(db, client):
    MeetingFactory(place="Sal 1; bygning A, 2. sal\\nord", date=months_from_today(1))
    unfolded = calendar(client).replace("\r\n ", "")
    assert "LOCATION:Sal 1\\; bygning A\\, 2. sal\\\\nord" in unfolded


def test_calendar_shows_a_closed_items_title_only(db, client):
    item = AgendaItemFactory(
        meeting__date=months_from_today(1), is_closed=True, title="Lukket punkt", decision="lukketbeslutningsord"
    )
    for text in (calendar(client), committee_calendar(client, item.meeting.committee.slug)):
        assert "Lukket punkt" in text
        assert "lukketbeslutningsord" not in text


def test_calendar_reads_back_as_the_same_meetings(db, client):
    next_month = months_from_today(1)
    with_time = MeetingFactory(
        date=next_month,
        start_time=datetime.time(8, 30),
        end_time=datetime.time(11, 30),
        place="Sal 1; bygning A",
    )
    AgendaItemFactory(meeting=with_time, number=1, title="Æblegrød, med komma")
    whole_day = MeetingFactory(start_time=None, state="cancelled", date=months_from_today(2))
    events = {str(event["UID"]): event for event in icalendar.Calendar.from_ical(calendar(client)).walk("VEVENT")}
    assert set(events) == {uid(with_time), uid(whole_day)}
    first = events[uid(with_time)]
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    starts = datetime.datetime.combine(next_month, datetime.time(8, 30), tzinfo=copenhagen)
    assert first.decoded("DTSTART") == starts.astimezone(datetime.UTC)
    assert first.decoded("DTEND") == (starts + datetime.timedelta(hours=3)).astimezone(datetime.UTC)
    assert str(first["LOCATION"]) == "Sal 1; bygning A"
    assert str(first["DESCRIPTION"]) == "Dagsorden:\nPunkt 1. Æblegrød, med komma"
    assert str(first["URL"]) == f"http://testserver{with_time.get_absolute_url()}"
    second = events[uid(whole_day)]
    assert second.decoded("DTSTART") == whole_day.date
    assert str(second["STATUS"]) == "CANCELLED"


@pytest.mark.parametrize("committee_only", [False, True])
def test_calendar_keeps_a_fixed_query_count(db, client, django_assert_max_num_queries, committee_only):
    committee = CommitteeFactory()
    for n in range(50):
        meeting = MeetingFactory(committee=committee, date=months_from_today(n / 10 - 2))
        AgendaItemFactory.create_batch(3, meeting=meeting)
    # The committee's calendar looks the committee up first.
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries((3 if committee_only else 2) + 1):
        text = committee_calendar(client, committee.slug) if committee_only else calendar(client)
    assert text.count("BEGIN:VEVENT") == 50


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_root(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return ET.fromstring(response.content)


def section_urls(client):
    """The sections' URLs, as the index /sitemap.xml lists them."""
    root = sitemap_root(client, "/sitemap.xml")
    assert root.tag == f"{SITEMAP}sitemapindex"
    return [loc.text for loc in root.iter(f"{SITEMAP}loc")]


def section_entries(client, url):
    """The (loc, lastmod or None) of each URL in one section page."""
    root = sitemap_root(client, url)
    assert root.tag == f"{SITEMAP}urlset"
    return [(entry.findtext(f"{SITEMAP}loc"), entry.findtext(f"{SITEMAP}lastmod")) for entry in root]


def sitemap_locations(client):
    return [loc for section in section_urls(client) for loc, _lastmod in section_entries(client, section)]


def test_sitemap_index_lists_a_section_per_kind_of_page(db, client):
    assert section_urls(client) == [f"http://testserver/sitemap-{section}.xml" for section in sitemaps.SITEMAPS]


def test_sitemap_of_an_unknown_section_or_page_is_not_found(db, client):
    assert client.get("/sitemap-nothing.xml").status_code == 404
    assert client.get("/sitemap-trials.xml?p=7").status_code == 404
    assert client.get("/sitemap-trials.xml?p=x").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/forsoeg/psykologbehandling-i-jobcenterindsatsen/",
        "/kommuner/thisted/",
        "/netvaerk/nordjylland/ansoegningsrunder/3/",
        "/moeder/beskaeftigelsesudvalget/2018-01-23/",
        "/moeder/beskaeftigelsesudvalget/",
        "/vidensdeling/",
    ],
)
def test_sitemap_lists_public_pages(minutes_data, client, path):
    assert any(location.endswith(path) for location in sitemap_locations(client))


def test_sitemap_lists_participations(minutes_data, client):
    path = "/forsoeg/psykologbehandling-i-jobcenterindsatsen/thisted/"
    assert any(location.endswith(path) for location in sitemap_locations(client))


def test_sitemap_leaves_out_unpublished_content(db, client):
    draft = TrialFactory(is_published=False)
    hidden_meeting = MeetingFactory(is_published=False)
    news = NewsItemFactory(is_published=False)
    locations = " ".join(sitemap_locations(client))
    for obj in (draft, hidden_meeting, news):
        assert obj.get_absolute_url() not in locations


CHANGE_TIME = datetime.datetime(2026, 3, 4, 12, tzinfo=datetime.UTC)


def test_sitemap_section_gives_the_day_each_object_last_changed(db, client):
    trial = TrialFactory()
    trial.title = "Ændret titel"
    trial.save()
    first, newest = trial.history.order_by("history_date")
    Trial.history.filter(pk=first.pk).update(history_date=CHANGE_TIME - datetime.timedelta(days=30))
    Trial.history.filter(pk=newest.pk).update(history_date=CHANGE_TIME)
    entries = dict(section_entries(client, "/sitemap-trials.xml"))
    assert entries[f"http://testserver{trial.get_absolute_url()}"] == "2026-03-04"


def test_sitemap_index_gives_each_section_its_newest_change(db, client):
    TrialFactory().history.update(history_date=CHANGE_TIME - datetime.timedelta(days=30))
    TrialFactory().history.update(history_date=CHANGE_TIME)
    root = sitemap_root(client, "/sitemap.xml")
    lastmods = {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in root}
    assert lastmods["http://testserver/sitemap-trials.xml"] == "2026-03-04"


def test_sitemap_dates_meetings_and_news_without_history_by_their_own_date(db, client):
    meeting = MeetingFactory(date=datetime.date(2018, 1, 23))
    news_item = NewsItemFactory(date=datetime.date(2019, 5, 6))
    meeting.history.all().delete()
    news_item.history.all().delete()
    meetings = dict(section_entries(client, "/sitemap-meetings.xml"))
    news = dict(section_entries(client, "/sitemap-news.xml"))
    assert meetings[f"http://testserver{meeting.get_absolute_url()}"] == "2018-01-23"
    assert news[f"http://testserver{news_item.get_absolute_url()}"] == "2019-05-06"


def test_sitemap_section_longer_than_its_limit_is_paged(db, client, monkeypatch):
    monkeypatch.setattr(sitemaps.TrialSitemap, "limit", 2)
    trials = TrialFactory.create_batch(5)
    assert section_urls(client).count("http://testserver/sitemap-trials.xml") == 1
    assert "http://testserver/sitemap-trials.xml?p=3" in section_urls(client)
    pages = [section_entries(client, f"/sitemap-trials.xml?p={page}") for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [2, 2, 1]
    listed = {loc for page in pages for loc, _lastmod in page}
    assert listed == {f"http://testserver{trial.get_absolute_url()}" for trial in trials}


def test_sitemap_sections_hold_at_most_the_protocols_limit_of_urls():
    assert {section().limit for section in sitemaps.SITEMAPS.values()} == {1000}
    assert sitemaps.ChangedSitemap.limit <= 50000


def test_sitemap_keeps_a_fixed_query_count(minutes_data, client, django_assert_max_num_queries):
    for _ in range(50):
        TrialFactory()
        MeetingFactory()
        NewsItemFactory()
    # The index: one query per database-backed section (8), for its count and newest lastmod.
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries(8 + 1):
        sections = section_urls(client)
    # A section page: a count and a page of URLs with their lastmod; none per object.
    for section in sections:
        with django_assert_max_num_queries(2 + 1):
            section_entries(client, section)


def test_robots_txt_points_to_the_sitemap(db, client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


@override_settings(ADMIN_URL="forvaltning/")
def test_robots_txt_does_not_give_away_the_admin_path(db, client):
    text = client.get("/robots.txt").content.decode()
    assert "forvaltning" not in text
    assert reverse("admin:index") not in text
