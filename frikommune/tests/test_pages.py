"""Pages across the apps: home, about, accessibility, errors, and every public route at once."""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.template.loader import get_template
from django.test import override_settings
from django.urls import resolve, reverse

from conftest import public_routes
from meetings.tests.factories import (
    AgendaItemFactory,
    CommitteeDecisionFactory,
    DocumentFactory,
    MeetingFactory,
)
from search.indexing import deferred
from trials.models import Municipality, Participation
from trials.tests.factories import (
    ApplicationRoundFactory,
    EvaluationFactory,
    ExemptionFactory,
    GlossaryTermFactory,
    MunicipalityFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    OrganisationBodyFactory,
    OrganisationFactory,
    ParticipationFactory,
    SourceFactory,
    TrialFactory,
)

# Routes whose pages the smoke test cannot reach through public_urls, and why.
NOT_IN_PUBLIC_URLS = {
    "dokumenter/<int:pk>/hent/": "a file download, tested in meetings/tests/test_files.py",
    "ansoegningsrunder/<int:number>/": "a round's old address, a redirect tested in trials/tests/test_networks.py",
    # The e-mail alerts' signed links, one address's own pages (never cached).
    **{
        f"foelg/{view}/<str:token>/": "a signed link from a mail, tested in alerts/tests/test_flows.py"
        for view in ("bekraeft", "abonnementer", "afmeld")
    },
    # The API's lists are walked here (no cookie, no 500, no closed text); its records in api/tests.
    **{
        route: "an API record, tested in api/tests/test_api.py"
        for route in public_routes()
        if route.startswith("api/v1/") and "<" in route
    },
    # OParl's objects and lists are reached from /api/oparl/ by the walk in oparl/tests/test_oparl.py.
    **{
        route: "an OParl object or list, walked in oparl/tests/test_oparl.py"
        for route in public_routes()
        if route.startswith("api/oparl/") and "<" in route
    },
}


def text_of(response):
    return response.content.decode()


def page_problems(response):
    """What is wrong with a public page: its status, or an HTML page without its landmarks."""
    if response.status_code != 200:
        return [f"status {response.status_code}"]
    if not response["Content-Type"].startswith("text/html"):
        return []
    page = text_of(response)
    checks = {
        "lang": '<html lang="da"' in page,
        "skip link": 'href="#main-content"' in page,
        "main": '<main id="main-content"' in page,
        "one h1": len(re.findall(r"<h1[ >]", page)) == 1,
    }
    return [name for name, ok in checks.items() if not ok]


def test_every_public_url_renders_with_landmarks(client, public_urls):
    problems = {url: page_problems(client.get(url)) for url in public_urls}
    assert {url: found for url, found in problems.items() if found} == {}


def test_public_urls_reach_every_public_route(public_urls):
    reached = {resolve(urlsplit(url).path).route for url in public_urls}
    assert set(public_routes()) - reached == set(NOT_IN_PUBLIC_URLS)


@pytest.mark.parametrize("url", ["/moeder/", "/soeg/", "/vidensdeling/", "/vidensdeling/nyhed-fra-netvaerket/"])
def test_public_urls_include_meetings_search_and_news(public_urls, url):
    assert url in public_urls


def test_home_page_shows_the_network_theme(client, minutes_data):
    assert "En mere fleksibel og effektiv beskæftigelsesindsats" in text_of(client.get("/"))


def test_home_page_shows_eleven_municipalities(client, minutes_data):
    assert '<span class="key-figure">11</span>' in text_of(client.get("/"))


def test_home_page_shows_24_sent_and_19_approved(client, minutes_data):
    page = text_of(client.get("/"))
    assert '<span class="key-figure">24</span>' in page
    assert '<span class="key-figure">19</span>' in page


def test_home_page_shows_latest_decisions(client, minutes_data):
    assert "alligevel ikke skal påbegyndes" in text_of(client.get("/"))


def test_home_page_shows_latest_meeting(client, minutes_data):
    assert "23. januar 2018" in text_of(client.get("/"))


def test_home_page_draws_the_timeline_to_31_july_2020(client, minutes_data):
    page = text_of(client.get("/"))
    assert "Tidslinje for frikommuneforsøgene" in page
    assert "31. juli 2020" in page


def test_timeline_runs_from_the_networks_first_year_to_its_approval(client, db):
    network = NetworkFactory(start_year=2014, approved_until=datetime.date(2022, 3, 1))
    ApplicationRoundFactory(network=network, number=1, deadline=datetime.date(2015, 5, 1), earliest_start=None)
    for url in ("/", "/ansoegningsrunder/"):
        page = text_of(client.get(url))
        assert "Fra 2014 til 1. marts 2022:" in page
        assert "Forsøgene kan køre fra opstart til 1. marts 2022" in page
        assert ">2014</text>" in page
        assert ">2022</text>" in page
        assert ">2013</text>" not in page
        assert ">2023</text>" not in page


def test_timeline_without_an_approval_date_runs_to_the_end_of_the_programme(client, db):
    network = NetworkFactory(approved_until=None, programme__end_year=2021)
    ApplicationRoundFactory(network=network, number=1)
    page = text_of(client.get("/ansoegningsrunder/"))
    assert "Fra 2016 til 31. december 2021:" in page


def test_home_page_without_a_network_draws_no_timeline(client, db):
    page = text_of(client.get("/"))
    assert "Tidslinje for frikommuneforsøgene" not in page


def test_decision_in_a_closed_item_is_not_shown(client, db):
    item = AgendaItemFactory(is_closed=True, title="Lukket sag")
    CommitteeDecisionFactory(committee=item.meeting.committee, agenda_item=item, text="HEMMELIG beslutning")
    trial = TrialFactory()
    item.trials.add(trial)
    assert "HEMMELIG" not in text_of(client.get("/"))
    page = text_of(client.get(trial.get_absolute_url()))
    assert "HEMMELIG" not in page
    # Even its title stays off the trial's page: which trials a closed item concerns is withheld too.
    assert "Lukket sag" not in page


def test_english_is_served_by_following_the_language_switch(client, minutes_data):
    link = re.search(r'<a href="([^"]*)" hreflang="en"', text_of(client.get("/"))).group(1)
    assert link == "/en/"
    assert '<html lang="en"' in text_of(client.get(link))


def test_navigation_links_to_the_main_sections(client, minutes_data):
    page = text_of(client.get("/"))
    for url in [
        "/forsoeg/",
        "/kommuner/",
        "/ansoegningsrunder/",
        "/organisering/",
        "/ordforklaringer/",
    ]:
        assert f'href="{url}"' in page


def test_footer_names_the_networks_members_and_lead(client, minutes_data):
    page = text_of(client.get("/om/"))
    assert "Alle 11 nordjyske kommuner med Aalborg Kommune som netværksansvarlig." in page


def test_footer_follows_the_network_in_the_database(client, db):
    network = NetworkFactory(lead_municipality__name="Hjørring")
    NetworkMembershipFactory(network=network, municipality=network.lead_municipality)
    NetworkMembershipFactory.create_batch(2, network=network)
    later = NetworkFactory(name="Aaa-netværket", lead_municipality__name="Thisted")
    NetworkMembershipFactory.create_batch(5, network=later)
    page = text_of(client.get("/om/"))
    assert "Alle 3 nordjyske kommuner med Hjørring Kommune som netværksansvarlig." in page
    assert "Thisted" not in page


def test_footer_without_a_network_leaves_the_sentence_out(client, db):
    page = text_of(client.get("/om/"))
    assert "netværksansvarlig" not in page


def test_footer_links_about_and_accessibility(client, minutes_data):
    page = text_of(client.get("/"))
    assert 'href="/om/"' in page
    assert 'href="/tilgaengelighed/"' in page


def test_design_system_is_served_locally(client, minutes_data):
    page = text_of(client.get("/"))
    assert 'href="/static/dkfds/css/dkfds.min.css"' in page
    assert "https://" not in re.sub(r'<a [^>]*href="https://[^"]*"', "", page)


@override_settings(DEBUG=False)
def test_unknown_page_gets_the_friendly_danish_404(client, minutes_data):
    response = client.get("/findes-ikke/")
    assert response.status_code == 404
    assert "Siden findes ikke" in text_of(response)


def test_500_page_renders_without_context():
    html = get_template("500.html").render()
    assert "Der opstod en fejl" in html


@pytest.mark.parametrize(
    ("name", "path"),
    [("home", "/"), ("about", "/om/"), ("accessibility", "/tilgaengelighed/")],
)
def test_project_urls_round_trip(name, path):
    assert reverse(name) == path
    assert resolve(path).view_name == name


@deferred()  # the search index written once at the end, not once per save
def make_fifty_times_the_data():
    """Roughly 50 × the minutes: 950 trials over 3 rounds, each with participations and more."""
    network = NetworkFactory()
    municipalities = [network.lead_municipality, *MunicipalityFactory.create_batch(10)]
    rounds = [ApplicationRoundFactory(network=network, number=n) for n in (1, 2, 3)]
    evaluator = OrganisationFactory()
    meeting = MeetingFactory(committee__municipality=municipalities[0])
    GlossaryTermFactory.create_batch(5)
    for index in range(950):
        trial = TrialFactory(application_round=rounds[index % 3])
        for offset in range(3):
            ParticipationFactory(trial=trial, municipality=municipalities[(index + offset) % 11])
        if index % 4 == 0:
            ParticipationFactory(
                trial=trial,
                municipality=municipalities[(index + 5) % 11],
                kind=Participation.Kind.JOINED_LATER,
            )
        EvaluationFactory(trial=trial, evaluator=evaluator if index % 2 else None)
    trial = TrialFactory(application_round=rounds[0], slug="stort-forsoeg")
    for municipality in municipalities:
        ParticipationFactory(trial=trial, municipality=municipality)
    ExemptionFactory.create_batch(20, trial=trial)
    for organisation in OrganisationFactory.create_batch(3):
        evaluation = EvaluationFactory(trial=trial, evaluator=organisation)
        # Reports: public, a draft, and one whose file is withheld.
        DocumentFactory.create_batch(3, evaluation=evaluation, kind="evaluation_report")
        DocumentFactory(evaluation=evaluation, kind="evaluation_report", is_published=False)
        DocumentFactory(evaluation=evaluation, kind="evaluation_report", is_file_public=False)
    OrganisationBodyFactory.create_batch(10, network=network, trial=trial)
    items = []
    for number in range(1, 40):
        item = AgendaItemFactory(meeting=meeting, number=number, is_closed=number % 5 == 0)
        item.trials.add(trial)
        decision = CommitteeDecisionFactory(committee=meeting.committee, agenda_item=item)
        decision.trials.add(trial)
        items.append(item)
    # Sources that cite agenda items of minutes in the portal, each on a meeting of its own: a page that
    # links to the cited item must not look up each item, meeting and committee in turn.
    cited = [
        AgendaItemFactory(
            meeting=MeetingFactory(committee=meeting.committee, date=meeting.date - datetime.timedelta(days=day)),
            number=1,
        )
        for day in range(1, 11)
    ]
    for index, organisation in enumerate(OrganisationFactory.create_batch(10, is_stakeholder=True)):
        organisation.source = SourceFactory(agenda_item=cited[index])
        organisation.save()
    for index, body in enumerate(network.bodies.all()):
        body.source = SourceFactory(agenda_item=cited[index % 10])
        body.save()
    for index, term in enumerate(GlossaryTermFactory.create_batch(10)):
        term.source = SourceFactory(agenda_item=cited[index])
        term.save()
    rounds[0].source = SourceFactory(agenda_item=cited[0])
    rounds[0].save()
    Participation.objects.filter(trial=trial).update(source=SourceFactory(agenda_item=cited[1]))
    return municipalities[0]


# Every page that extends base.html spends one query on the footer's network.
QUERY_BUDGET = {
    "/": 12,
    "/forsoeg/": 13,
    "/forsoeg/?runde=1&status=approved&sortering=kommuner": 13,
    "/forsoeg/stort-forsoeg/": 16,
    "/kommuner/": 8,
    "/ansoegningsrunder/": 8,
    "/organisering/": 8,
    "/samarbejdspartnere/": 8,
    "/ordforklaringer/": 8,
}


@pytest.mark.django_db
def test_public_pages_keep_a_fixed_number_of_queries_with_fifty_times_the_data(client, django_assert_max_num_queries):
    lead = make_fifty_times_the_data()
    budget = {**QUERY_BUDGET, f"/kommuner/{lead.slug}/": 10}
    participation = Participation.objects.filter(trial__slug="stort-forsoeg").first()
    # The participation, the trial's exemptions, the municipality's agenda items (with their
    # attachments, decisions and trials) and decisions on the trial, the glossary, the footer.
    budget[participation.get_absolute_url()] = 9
    budget[participation.trial.application_round.get_absolute_url()] = 8
    assert Municipality.objects.count() == 11
    for url, limit in budget.items():
        # +1: the page cache's query for the data's version (pagecache.middleware).
        with django_assert_max_num_queries(limit + 1):
            response = client.get(url)
        assert response.status_code == 200, url
    # The lead municipality applied for some 260 trials; its page lists 50 of each kind at a time.
    municipality_page = text_of(client.get(f"/kommuner/{lead.slug}/"))
    assert len(re.findall(rf'<a href="/forsoeg/[^/"]+/{lead.slug}/">', municipality_page)) <= 2 * 50


@pytest.mark.parametrize("url", ["/", "/om/"])
def test_home_and_about_say_what_a_frikommuneforsoeg_is_in_the_minutes_words(client, minutes_data, url):
    from conftest import SEEDS_DIR

    minutes = " ".join(path.read_text(encoding="utf-8") for path in SEEDS_DIR.glob("*.txt"))
    page = text_of(client.get(url))

    assert "Hvad er et frikommuneforsøg?" in page
    for words in [
        "fritagelse for gældende lovgivning på beskæftigelses- og integrationsområdet",
        "inden for et fælles tema",
    ]:
        assert words in page
        assert words in minutes


def test_every_page_but_the_home_page_has_breadcrumbs_beyond_the_home_page(public_urls, client):
    """DKFDS breadcrumbs: Forside, then the way to the page, with a chevron between each step."""
    lacking = []
    for url in public_urls:
        response = client.get(url)
        if urlsplit(url).path == "/" or not response["Content-Type"].startswith("text/html"):
            continue
        crumbs = re.search(r'<ol class="breadcrumbs__list">(.*?)</ol>', response.content.decode(), re.DOTALL)
        items = (
            re.findall(r'<li class="breadcrumbs__list-item">(.*?)</li>', crumbs.group(1), re.DOTALL) if crumbs else []
        )
        if len(items) < 2 or 'aria-current="page"' not in items[-1]:
            lacking.append(f"{url}: {len(items)} crumbs")
        elif any("#chevron-right" not in item for item in items[:-1]):
            lacking.append(f"{url}: no separator")
    assert lacking == []


def test_accessibility_statement_tells_citizens_status_contact_and_review_date(client, db):
    page = text_of(client.get("/tilgaengelighed/"))
    assert "lever delvist op til WCAG 2.1 på niveau AA" in page
    assert "Det, der ikke er tilgængeligt" in page
    assert "netværkets koordinator i Aalborg Kommune" in page
    assert "senest gennemgået 27. november 2026" in page
    assert "Digitaliseringsstyrelsen" in page


@override_settings(ACCESSIBILITY_CONTACT_EMAIL="web@example.dk", ACCESSIBILITY_REVIEWED_ON=datetime.date(2027, 3, 1))
def test_accessibility_statement_names_the_configured_contact_and_date(client, db):
    page = text_of(client.get("/tilgaengelighed/"))
    assert '<a href="mailto:web@example.dk">web@example.dk</a>' in page
    assert "netværkets koordinator" not in page
    assert "senest gennemgået 1. marts 2027" in page
