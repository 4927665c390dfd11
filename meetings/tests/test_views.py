"""The public meeting pages: the minutes of 23.01.2018 as a reader expects to find them."""

import itertools
import re

import pytest
from django.urls import reverse

from meetings.models import AgendaItem, Attendance, Meeting
from meetings.tests import factories as mf
from meetings.tests.factories import (
    AgendaItemFactory,
    AttendanceFactory,
    CommitteeDecisionFactory,
    CommitteeFactory,
    DocumentFactory,
    MeetingFactory,
)
from trials.tests.factories import TrialFactory

MEETING_URL = "/moeder/beskaeftigelsesudvalget/2018-01-23/"


def section(html, heading):
    """The text of the <dd> that follows the <dt> named heading."""
    match = re.search(rf"<dt>{heading}</dt>\s*<dd>(.*?)</dd>", html, re.DOTALL)
    assert match, f"no {heading} on the page"
    return match.group(1)


@pytest.fixture
def meeting_page(minutes_data, client):
    response = client.get(MEETING_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_meeting_url_round_trips():
    assert (
        reverse(
            "meetings:meeting_detail",
            kwargs={"committee": "beskaeftigelsesudvalget", "date": "2018-01-23"},
        )
        == MEETING_URL
    )


@pytest.mark.parametrize("name", ["Kristoffer Hjort Storm", "Anne Honoré Østergaard"])
def test_meeting_page_lists_apologies(meeting_page, name):
    assert name in section(meeting_page, "Afbud")


@pytest.mark.parametrize(
    "name",
    ["Daniel Borup", "Mai-Britt Iversen", "Christina Halkjær", "Tobias Bøgeskov", "Bjarne Sørensen"],
)
def test_meeting_page_lists_those_present(meeting_page, name):
    assert name in section(meeting_page, "Til stede")


def test_apologies_are_not_listed_as_present(meeting_page):
    assert "Kristoffer Hjort Storm" not in section(meeting_page, "Til stede")


def test_meeting_page_names_the_secretary_with_her_role(meeting_page):
    assert "Birgitte Welling (ref.)" in section(meeting_page, "Øvrige deltagere")


def test_meeting_page_says_who_attends_only_one_item(meeting_page):
    others = re.sub(r"<[^>]+>", "", section(meeting_page, "Øvrige deltagere"))
    assert "Tinna Kjær Poulsen (leder af Jobhuset) – kun under punkt 7" in others


def test_meeting_page_shows_time_and_place_in_danish(meeting_page):
    assert "tirsdag 23. januar 2018, kl. 08.30–11.30" in meeting_page
    assert "Rådssalen, Jobhuset, Vestre Havnepromenade 15, Aalborg" in meeting_page


def test_agenda_is_in_the_order_held_item_8_before_7(meeting_page):
    assert meeting_page.index('id="punkt-8"') < meeting_page.index('id="punkt-7"')


def test_items_carry_their_printed_number_as_anchor(meeting_page):
    for number in range(1, 13):
        assert f'id="punkt-{number}"' in meeting_page


@pytest.mark.parametrize("case_number", ["2017-065859", "2017-032501", "2017-018056", "2017-064898", "2018-003653"])
def test_meeting_page_shows_case_numbers(meeting_page, case_number):
    assert f"Sagsnr.: {case_number}" in meeting_page


def test_meeting_page_shows_the_decision_on_the_constitution(meeting_page):
    assert "Som næstformand for Beskæftigelsesudvalget er valgt Daniel Borup (V)." in meeting_page


def test_meeting_page_shows_committee_decisions_on_trials(meeting_page):
    assert "forsøget med fritagelse for uddannelsespålæg" in meeting_page


def test_case_description_markdown_becomes_headings(meeting_page):
    assert "<h4>Runde 1</h4>" in meeting_page


@pytest.mark.parametrize(
    "title",
    [
        "Aalborg Kommunes styrelsesvedtægt pr. 01.01.2018",
        "Kort oversigt over Aalborg-forsøg",
        "Lokal intro til nye politiske udvalg - Jobhuset",
    ],
)
def test_meeting_page_lists_attachments(meeting_page, title):
    assert title in meeting_page


def test_attachment_without_file_has_no_download_link(meeting_page):
    assert "download" not in meeting_page


def test_item_6_links_the_trials_it_concerns(meeting_page):
    assert 'href="/forsoeg/fleksibilitet-i-rehabiliteringsteams/"' in meeting_page


@pytest.mark.parametrize("number", [10, 11])
def test_closed_items_show_their_title_and_lukket_only(meeting_page, number):
    start = meeting_page.index(f'<section class="agenda-item" id="punkt-{number}"')
    item_html = meeting_page[start : meeting_page.index("</section>", start)]
    text = " ".join(re.sub(r"<[^>]+>", " ", item_html).split())
    title = AgendaItem.objects.get(number=number).title
    assert text == f"Punkt {number}. {title} Lukket"


def test_downloadable_attachment_links_to_its_download_view(minutes_data, client):
    slides = DocumentFactory(title="Slides", agenda_item_id=7, meeting_id=1, file="documents/slides.pdf")
    secret = DocumentFactory(title="Fortroligt", agenda_item_id=7, file="documents/x.pdf", is_file_public=False)
    page = client.get(MEETING_URL).content.decode()
    assert f'href="/dokumenter/{slides.pk}/hent/" download' in page
    assert f"/dokumenter/{secret.pk}/hent/" not in page
    assert "documents/" not in page, "the storage name is never shown"
    assert "Fortroligt" in page


@pytest.mark.parametrize(
    "url",
    [
        "/moeder/ukendt-udvalg/",
        "/moeder/ukendt-udvalg/2018-01-23/",
        "/moeder/beskaeftigelsesudvalget/2018-01-24/",
        "/moeder/beskaeftigelsesudvalget/2018-02-31/",
        "/moeder/beskaeftigelsesudvalget/2018-13-01/",
        "/moeder/beskaeftigelsesudvalget/23-01-2018/",
    ],
)
def test_unknown_committee_or_date_is_404(minutes_data, client, url):
    assert client.get(url).status_code == 404


def test_unpublished_meeting_is_404(minutes_data, client):
    Meeting.objects.update(is_published=False)
    assert client.get(MEETING_URL).status_code == 404


def test_meeting_list_shows_published_meetings_by_committee(minutes_data, client):
    hidden = MeetingFactory(is_published=False, committee_id=1)
    page = client.get("/moeder/").content.decode()
    assert MEETING_URL in page
    assert hidden.get_absolute_url() not in page


def test_meeting_list_filters_by_committee_and_year(minutes_data, client):
    other = MeetingFactory()
    page = client.get("/moeder/", {"udvalg": other.committee.slug}).content.decode()
    assert other.get_absolute_url() in page
    assert MEETING_URL not in page
    page = client.get("/moeder/", {"aar": "2018", "udvalg": "beskaeftigelsesudvalget"}).content.decode()
    assert MEETING_URL in page


def test_meeting_list_filter_shows_the_chosen_committee_and_year(minutes_data, client):
    page = client.get("/moeder/", {"aar": "2018", "udvalg": "beskaeftigelsesudvalget"}).content.decode()
    assert '<option value="beskaeftigelsesudvalget" selected>' in page
    assert '<option value="2018" selected>' in page
    assert page.count(" selected>") == 2
    unfiltered = client.get("/moeder/").content.decode()
    assert '<option value="" selected>Alle udvalg</option>' in unfiltered


def test_meeting_list_filters_are_dkfds_form_fields_with_labels(minutes_data, client):
    page = client.get("/moeder/").content.decode()
    assert '<label class="form-label" for="id_udvalg">Udvalg</label>' in page
    assert '<label class="form-label" for="id_aar">År</label>' in page
    assert page.count('<select class="form-select"') == 2
    assert "Nulstil" not in page


def test_meeting_list_says_a_bad_filter_value_was_not_used(minutes_data, client):
    page = client.get("/moeder/", {"udvalg": "ukendt-udvalg"}).content.decode()
    assert 'class="form-group form-error"' in page
    assert "Værdien kendes ikke og er ikke brugt." in page
    assert 'aria-describedby="id_udvalg-error" aria-invalid="true"' in page
    assert 'href="/moeder/" class="ml-4">Nulstil</a>' in page


def test_meeting_list_pages_keep_the_filters(db, client):
    committee = CommitteeFactory(slug="bsu")
    MeetingFactory.create_batch(60, committee=committee)
    first = client.get("/moeder/", {"udvalg": "bsu"}).content.decode()
    assert 'href="?udvalg=bsu&amp;page=2"' in first
    second = client.get("/moeder/", {"udvalg": "bsu", "page": 2}).content.decode()
    assert 'href="?udvalg=bsu&amp;page=1"' in second


@pytest.mark.parametrize("query", [{"aar": "abc"}, {"aar": "1700"}, {"udvalg": "<script>"}, {"page": "x"}])
def test_meeting_list_ignores_bad_filter_values(minutes_data, client, query):
    response = client.get("/moeder/", query)
    assert response.status_code in (200, 404)
    if "page" not in query:
        assert MEETING_URL in response.content.decode()


def test_committee_page_lists_its_published_meetings(minutes_data, client):
    page = client.get("/moeder/beskaeftigelsesudvalget/").content.decode()
    assert MEETING_URL in page


def _count_queries(client, url, django_assert_max_num_queries, limit):
    # +1: the page cache's query for the data's version (pagecache.middleware).
    with django_assert_max_num_queries(limit + 1):
        assert client.get(url).status_code == 200


@pytest.fixture
def big_meeting(search_indexed_at_the_end):
    """One meeting with 50 times the fixture's items, attendances, attachments and decisions."""
    meeting = MeetingFactory()
    trials = TrialFactory.create_batch(5)
    items = AgendaItemFactory.create_batch(600, meeting=meeting)
    for index, item in enumerate(items[:300]):
        item.trials.set(trials[: index % 5 + 1])
        DocumentFactory(meeting=meeting, agenda_item=item)
    for item in items[300:450]:
        CommitteeDecisionFactory(agenda_item=item)
    AgendaItem.objects.filter(pk__in=[item.pk for item in items[::12]]).update(is_closed=True)
    AttendanceFactory.create_batch(300, meeting=meeting, kind=Attendance.Kind.PRESENT)
    AttendanceFactory.create_batch(300, meeting=meeting, kind=Attendance.Kind.OTHER, agenda_item=items[1])
    return meeting


# Meeting, items, attachments, decisions, trials, attendances, meeting documents, the footer's network.
MEETING_PAGE_QUERIES = 9  # including one for the glossary terms marked up in the texts


def test_meeting_page_query_count_does_not_grow_with_items(big_meeting, client, django_assert_max_num_queries):
    _count_queries(client, big_meeting.get_absolute_url(), django_assert_max_num_queries, MEETING_PAGE_QUERIES)


def test_fixture_meeting_page_needs_as_many_queries(minutes_data, client, django_assert_max_num_queries):
    _count_queries(client, MEETING_URL, django_assert_max_num_queries, MEETING_PAGE_QUERIES)


@pytest.fixture
def many_meetings(db):
    committees = CommitteeFactory.create_batch(5)
    for index in range(50):
        MeetingFactory(committee=committees[index % 5])
    return committees


def test_meeting_list_query_count_is_fixed(many_meetings, client, django_assert_max_num_queries):
    # Years, count, committees, meetings, the footer's network.
    _count_queries(client, "/moeder/?aar=2018", django_assert_max_num_queries, 5)


def test_committee_page_query_count_is_fixed(many_meetings, client, django_assert_max_num_queries):
    # Committee, count, meetings, the footer's network.
    _count_queries(client, many_meetings[0].get_absolute_url(), django_assert_max_num_queries, 4)


def test_glossary_terms_in_the_minutes_are_explained_in_place(minutes_data, client):
    page = client.get(MEETING_URL).content.decode()
    star = '<a class="glossary-term" href="/ordforklaringer/#star" title="Styrelsen for Arbejdsmarked og Rekruttering">'
    assert star + "<dfn>STAR</dfn></a>" in page


def test_meeting_page_headings_never_skip_a_level(minutes_data, client):
    page = client.get(MEETING_URL).content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", main)]
    assert levels[0] == 1
    assert all(later - earlier <= 1 for earlier, later in itertools.pairwise(levels)), levels
    assert "<h3>Samarbejde og inddragelse af interessenter</h3>" in main


def test_municipality_page_shows_fifty_decisions_at_a_time(client, db):
    committee = CommitteeFactory()
    trial = TrialFactory()
    for _ in range(60):
        CommitteeDecisionFactory(agenda_item__meeting__committee=committee).trials.add(trial)
    url = f"/kommuner/{committee.municipality.slug}/"
    first = client.get(url).content.decode()
    assert first.count('<span class="tag">Godkendt</span>') == 50
    assert 'href="?beslutninger_side=2#beslutninger"' in first
    second = client.get(url, {"beslutninger_side": 2}).content.decode()
    assert second.count('<span class="tag">Godkendt</span>') == 10


def test_municipality_page_shows_a_decision_about_several_trials_once_and_leaves_out_one_about_none(client, db):
    committee = CommitteeFactory()
    about_two = CommitteeDecisionFactory(agenda_item__meeting__committee=committee, text="Om to forsøg")
    about_two.trials.add(TrialFactory(), TrialFactory())
    CommitteeDecisionFactory(agenda_item__meeting__committee=committee, text="Om intet forsøg")
    page = client.get(f"/kommuner/{committee.municipality.slug}/").content.decode()
    assert page.count("Om to forsøg") == 1
    assert "Om intet forsøg" not in page


def test_an_agenda_held_out_of_number_order_says_so(meeting_page):
    # The minutes handled items 6, 8, 7, 9, 12, 10, 11.
    assert "Punkterne står i den rækkefølge, udvalget behandlede dem." in meeting_page


@pytest.mark.django_db
def test_an_agenda_held_in_number_order_says_nothing_of_it(client):
    meeting = mf.MeetingFactory(is_published=True)
    for number in (1, 2, 3):
        mf.AgendaItemFactory(meeting=meeting, number=number, position=number)

    assert "rækkefølge, udvalget behandlede" not in client.get(meeting.get_absolute_url()).content.decode()


def test_meeting_page_says_the_organisation_figure_is_not_in_the_minutes_text(client, minutes_data):
    page = client.get("/moeder/beskaeftigelsesudvalget/2018-01-23/").content.decode()
    sentence = page.index("Organiseringen er illustreret i nedenstående figur.")
    assert page.index("Figuren, som teksten henviser til, er ikke med", sentence) - sentence < 100
