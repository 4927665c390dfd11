"""The register's public pages show the facts from the minutes where a reader expects them."""

import re

import pytest
from django.urls import resolve, reverse

from trials.models import OrganisationBody, Participation, Trial

from .factories import (
    ApplicationRoundFactory,
    EvaluationFactory,
    ExemptionFactory,
    MunicipalityFactory,
    OrganisationBodyFactory,
    ParticipationFactory,
    TrialFactory,
)

PSYCHOLOGY = "/forsoeg/psykologbehandling-i-jobcenterindsatsen/"
MICRO_LOANS = "/forsoeg/mikrolaan-til-forskellige-maalgrupper/"
FORMAL_REQUIREMENTS = "/forsoeg/formkrav-ved-lovpligtige-samtaler/"
EDUCATION_ORDER = "/forsoeg/fritagelse-for-uddannelsespaalaeg-for-en-saerlig-maalgruppe/"
REHABILITATION = "/forsoeg/fleksibilitet-i-rehabiliteringsteams/"


def text_of(response):
    return response.content.decode()


@pytest.mark.parametrize("municipality", ["Jammerbugt", "Thisted", "Vesthimmerland"])
def test_psychology_trial_names_its_applicants(client, minutes_data, municipality):
    assert f"Forsøget i {municipality}" in text_of(client.get(PSYCHOLOGY))


def test_joint_application_is_shown_as_the_minutes_wrote_it(client, minutes_data):
    assert "Frederikshavn/Læsø" in text_of(client.get(FORMAL_REQUIREMENTS))


def test_not_started_trial_gives_its_reason(client, minutes_data):
    page = text_of(client.get(EDUCATION_ORDER))
    assert "Besluttet ikke at påbegynde" in page
    assert "reelt ikke kan udmøntes" in page


def test_micro_loan_exemption_covers_only_the_applicants(client, minutes_data):
    page = text_of(client.get(MICRO_LOANS))
    assert "Kun de ansøgende kommuner" in page
    assert "skal de ansøge hos" in page


def test_trial_page_names_vive_as_adviser(client, minutes_data):
    assert "Det Nationale Forsknings- og Analysecenter for Velfærd" in text_of(client.get(PSYCHOLOGY))


def test_trial_page_names_ramboll_and_cross_municipal_design(client, minutes_data):
    page = text_of(client.get(REHABILITATION))
    assert "Rambøll management consulting" in page
    assert "tværkommunalt design" in page


@pytest.mark.django_db
def test_trial_page_shows_what_an_evaluation_came_to_and_when(client):
    trial = TrialFactory()
    EvaluationFactory(
        trial=trial,
        kind="final",
        result="Flere borgere kom i job.\nSagsbehandlingen blev kortere.",
        completed_on="2020-03-03",
    )
    EvaluationFactory(trial=trial, kind="design")

    page = text_of(client.get(trial.get_absolute_url()))

    assert (
        "Resultat (forelå 3. marts 2020):</strong> Flere borgere kom i job.<br>Sagsbehandlingen blev kortere." in page
    )
    assert page.count("Resultat") == 1


@pytest.mark.django_db
def test_an_evaluation_with_a_date_but_no_result_says_so(client):
    trial = TrialFactory()
    EvaluationFactory(trial=trial, kind="midway", completed_on="2019-06-01")

    page = text_of(client.get(trial.get_absolute_url()))

    assert "Resultat (forelå 1. juni 2019):</strong> Resultatet er ikke beskrevet endnu." in page


def test_rehabilitation_trial_sought_four_exemptions_and_got_two(client, minutes_data):
    page = text_of(client.get(REHABILITATION))
    assert "søgt om 4 undtagelser, og 2 er imødekommet" in page
    # The source names none of the four: one line says so, not four identical rows.
    assert page.count("Kilden nævner ikke, hvad") == 1
    assert "Kilden nævner ikke, hvad undtagelserne gælder." in page


@pytest.mark.django_db
def test_exemptions_the_source_names_are_listed_in_a_table(client):
    trial = TrialFactory()
    ExemptionFactory(trial=trial, number=1, title="Krav om samtaler", outcome="granted_fully")
    ExemptionFactory(trial=trial, number=2, title="", outcome="sought")

    page = text_of(client.get(trial.get_absolute_url()))

    assert "Krav om samtaler" in page
    assert page.count("Kilden nævner ikke, hvad der søges undtagelse fra.") == 1


def test_trial_page_says_plainly_when_the_source_does_not_name_the_exemptions(client, minutes_data):
    assert "Kilden nævner ikke" in text_of(client.get(REHABILITATION))


def test_trial_page_cites_its_source(client, minutes_data):
    assert "Referat" in text_of(client.get(PSYCHOLOGY))
    assert 'class="details source"' in text_of(client.get(PSYCHOLOGY))


def test_trial_page_lists_the_decision_not_to_start(client, minutes_data):
    assert "Forsøget påbegyndes ikke" in text_of(client.get(EDUCATION_ORDER))


def test_participation_page_says_not_stated_where_empty(client, minutes_data):
    response = client.get(MICRO_LOANS + "aalborg/")
    assert response.status_code == 200
    page = text_of(response)
    assert "Forsøget i Aalborg" in page
    assert "Ikke oplyst" not in page
    assert (
        "Kommunen har ikke oplyst: lokal opstart, målgruppe, lokale mål, beskrivelse af forsøget lokalt, kontaktperson."
        in page
    )


def test_participation_page_answers_what_the_municipality_takes_part_in(client, minutes_data):
    participation = Participation.objects.filter(municipality__slug="hjoerring").select_related("trial").first()

    page = text_of(client.get(participation.get_absolute_url()))

    trial = participation.trial
    assert f'<span class="tag">{trial.get_status_display()}</span>' in page
    assert f'href="{trial.application_round.get_absolute_url()}"' in page
    if trial.exemptions.exists():
        assert f'href="{trial.get_absolute_url()}#undtagelser"' in page
    else:
        assert "Kilden nævner ikke de enkelte undtagelser" in page
    assert "Hjørring Kommunes behandling af forsøget" in page


@pytest.mark.django_db
def test_participation_page_lists_the_municipalitys_own_decisions_on_the_trial_only(client):
    from meetings.tests import factories as mf

    participation = ParticipationFactory(municipality__name="Hjørring", municipality__slug="hjoerring")
    trial = participation.trial
    for municipality, text in [
        (participation.municipality, "Hjørrings beslutning"),
        (MunicipalityFactory(), "En andens"),
    ]:
        meeting = mf.MeetingFactory(committee__municipality=municipality, is_published=True)
        item = mf.AgendaItemFactory(meeting=meeting, title=f"Punkt: {text}")
        item.trials.add(trial)
        decision = mf.CommitteeDecisionFactory(committee=meeting.committee, agenda_item=item, text=text)
        decision.trials.add(trial)

    page = text_of(client.get(participation.get_absolute_url()))

    assert "Hjørrings beslutning" in page
    assert "En andens" not in page


def test_participation_page_of_a_municipality_not_in_the_trial_is_404(client, minutes_data):
    assert client.get(MICRO_LOANS + "laesoe/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/forsoeg/findes-ikke/",
        "/kommuner/findes-ikke/",
        "/ansoegningsrunder/9/",
        "/netvaerk/findes-ikke/",
        "/netvaerk/nordjylland/ansoegningsrunder/9/",
        "/netvaerk/findes-ikke/ansoegningsrunder/1/",
    ],
)
def test_unknown_slug_is_404(client, minutes_data, url):
    assert client.get(url).status_code == 404


def test_unpublished_trial_is_404(client, db):
    trial = TrialFactory(is_published=False)
    assert client.get(trial.get_absolute_url()).status_code == 404


def test_trial_list_shows_all_nineteen_trials(client, minutes_data):
    assert "Viser 19 af 19 forsøg" in text_of(client.get("/forsoeg/"))


def test_trial_list_filters_combine_and_the_form_keeps_them(client, minutes_data):
    page = text_of(client.get("/forsoeg/?runde=1&kommune=thisted"))
    assert "Psykologbehandling i jobcenterindsatsen" not in page  # a round 2 trial
    assert '<option value="1" selected>' in page
    assert '<option value="thisted" selected>' in page


def test_trial_list_filtered_by_municipality_still_counts_every_municipality(client, db):
    trial = TrialFactory(title="Fælles forsøg")
    ParticipationFactory.create_batch(3, trial=trial)
    ParticipationFactory(trial=trial, municipality__slug="thisted")
    EvaluationFactory(trial=trial, evaluator=None)
    for query in ("kommune=thisted", "evaluator=kommunerne", "kommune=thisted&evaluator=kommunerne"):
        page = text_of(client.get("/forsoeg/?" + query))
        assert re.search(
            r"Fælles forsøg</a></th>\s*<td[^>]*>\d+\.</td>\s*<td[^>]*>.*?</td>\s*<td[^>]*>4</td>", page, re.S
        ), query


def test_trial_list_filter_by_status(client, minutes_data):
    page = text_of(client.get("/forsoeg/?status=not_started"))
    assert "Viser 1 af 19 forsøg" in page
    assert "Fritagelse for uddannelsespålæg for en særlig målgruppe" in page


def test_trial_list_filter_by_evaluator(client, minutes_data):
    page = text_of(client.get("/forsoeg/?evaluator=ramboell"))
    assert "Viser 2 af 19 forsøg" in page


def test_trial_list_shows_counts_per_option(client, minutes_data):
    assert "Besluttet ikke at påbegynde (1)" in text_of(client.get("/forsoeg/"))


@pytest.mark.parametrize(
    "query",
    [
        "runde=x",
        "runde=99",
        "kommune=<script>",
        "status=zz",
        "evaluator=nobody",
        "sortering=;drop",
    ],
)
def test_bad_filter_values_are_ignored(client, minutes_data, query):
    response = client.get("/forsoeg/?" + query)
    assert response.status_code == 200
    assert "Viser 19 af 19 forsøg" in text_of(response)
    assert "<script>" not in text_of(response).split("<main")[1]


def test_trial_list_sorts_by_municipality_count(client, db):
    application_round = ApplicationRoundFactory()
    few = TrialFactory(title="Få", application_round=application_round)
    many = TrialFactory(title="Mange", application_round=application_round)
    ParticipationFactory.create_batch(3, trial=many)
    ParticipationFactory(trial=few)
    page = text_of(client.get("/forsoeg/?sortering=kommuner"))
    assert page.index("Mange") < page.index("Få")


def test_trial_list_sorts_by_title(client, db):
    application_round = ApplicationRoundFactory()
    TrialFactory(title="Zebra", application_round=application_round)
    TrialFactory(title="Abe", application_round=application_round)
    page = text_of(client.get("/forsoeg/?sortering=titel"))
    assert page.index("Abe") < page.index("Zebra")


def test_trial_list_draws_the_participation_matrix_as_a_table(client, minutes_data):
    page = text_of(client.get("/forsoeg/"))
    assert "Hvilke kommuner deltager i hvilke forsøg" in page
    assert '<th scope="col" class="municipality">' in page


def test_municipality_page_lists_trials_applied_for(client, minutes_data):
    page = text_of(client.get("/kommuner/thisted/"))
    assert "Psykologbehandling i jobcenterindsatsen" in page
    participation = Participation.objects.get(
        trial__title="Psykologbehandling i jobcenterindsatsen", municipality__slug="thisted"
    )
    assert f'<a href="/forsoeg/{participation.trial.slug}/thisted/"' in page
    english = text_of(client.get("/en/kommuner/thisted/"))
    assert f'<a href="/en/forsoeg/{participation.trial.slug}/thisted/"' in english


def test_municipality_page_lists_its_committees_decisions(client, minutes_data):
    page = text_of(client.get("/kommuner/aalborg/"))
    assert "Beskæftigelsesudvalget" in page
    assert "alligevel ikke skal påbegyndes" in page


def test_municipality_list_names_all_eleven(client, minutes_data):
    page = text_of(client.get("/kommuner/"))
    for name in ["Aalborg", "Læsø", "Vesthimmerland"]:
        assert name in page


@pytest.mark.parametrize(
    ("number", "deadline", "sent", "approved"),
    [
        (1, "1. december 2016", 7, 5),
        (2, "1. maj 2017", 4, 4),
        (3, "1. november 2017", 13, 10),
    ],
)
def test_round_page_shows_deadline_and_counts(client, minutes_data, number, deadline, sent, approved):
    page = text_of(client.get(f"/netvaerk/nordjylland/ansoegningsrunder/{number}/"))
    assert deadline in page
    assert f"<dd>{sent}</dd>" in page
    assert f"<dd>{approved}</dd>" in page


def test_round_list_shows_the_totals_24_and_19(client, minutes_data):
    page = text_of(client.get("/ansoegningsrunder/"))
    assert "<td>24</td><td>19</td>" in page


def test_organisation_page_shows_bodies_and_how_often_they_meet(client, minutes_data):
    page = text_of(client.get("/organisering/"))
    figure = page[page.index("<figure") : page.index("</figure>")]
    assert figure.count('<rect class="organisation-box') == OrganisationBody.objects.count() == 5
    assert "KKR Nordjylland" in figure
    assert "Beskæftigelsesdirektørerne i Nordjylland" in page
    assert "ca. 6 gange om året" in page


def test_stakeholder_page_lists_stakeholders(client, minutes_data):
    page = text_of(client.get("/samarbejdspartnere/"))
    assert "Styrelsen for Arbejdsmarked og Rekruttering" in page


def test_glossary_page_explains_terms_with_anchors(client, minutes_data):
    page = text_of(client.get("/ordforklaringer/"))
    assert 'id="kkr"' in page
    assert "Kommune Kontakt Rådet" in page


def test_glossary_terms_are_marked_up_on_public_pages(client, minutes_data):
    page = text_of(client.get(EDUCATION_ORDER))
    assert 'href="/ordforklaringer/#star"' in page


@pytest.mark.parametrize(
    ("name", "kwargs", "path"),
    [
        ("trials:trial_list", {}, "/forsoeg/"),
        ("trials:trial_detail", {"slug": "x"}, "/forsoeg/x/"),
        (
            "trials:participation_detail",
            {"slug": "x", "municipality": "y"},
            "/forsoeg/x/y/",
        ),
        ("trials:municipality_list", {}, "/kommuner/"),
        ("trials:municipality_detail", {"slug": "aalborg"}, "/kommuner/aalborg/"),
        ("trials:round_list", {}, "/ansoegningsrunder/"),
        ("trials:round_redirect", {"number": 2}, "/ansoegningsrunder/2/"),
        ("trials:round_detail", {"network": "nordjylland", "number": 2}, "/netvaerk/nordjylland/ansoegningsrunder/2/"),
        ("trials:network_list", {}, "/netvaerk/"),
        ("trials:network_detail", {"slug": "nordjylland"}, "/netvaerk/nordjylland/"),
        ("trials:organisation", {}, "/organisering/"),
        ("trials:stakeholders", {}, "/samarbejdspartnere/"),
        ("trials:glossary", {}, "/ordforklaringer/"),
    ],
)
def test_url_names_and_paths_round_trip(name, kwargs, path):
    assert reverse(name, kwargs=kwargs) == path
    match = resolve(path)
    assert match.view_name == name
    assert match.kwargs == kwargs


def test_trial_status_labels_are_danish():
    assert Trial.Status.NOT_STARTED.label == "Besluttet ikke at påbegynde"


def test_trial_list_is_paginated_and_keeps_the_filters(db, client):
    application_round = ApplicationRoundFactory(number=1)
    TrialFactory.create_batch(60, application_round=application_round)
    first = client.get("/forsoeg/", {"runde": 1})
    assert len(first.context["trials"]) == 50
    assert "Viser 60 af 60 forsøg." in first.content.decode()
    assert "?runde=1&amp;page=2" in first.content.decode()
    second = client.get("/forsoeg/", {"runde": 1, "page": 2})
    assert len(second.context["trials"]) == 10


def trial_links(page, municipality):
    return re.findall(rf'<a href="/forsoeg/[^/"]+/{municipality.slug}/">', page)


def test_municipality_page_shows_fifty_trials_at_a_time(client, db):
    municipality = MunicipalityFactory()
    for _ in range(60):
        ParticipationFactory(municipality=municipality)
    for _ in range(3):
        ParticipationFactory(municipality=municipality, kind=Participation.Kind.JOINED_LATER)
    url = f"/kommuner/{municipality.slug}/"
    first = text_of(client.get(url))
    assert len(trial_links(first, municipality)) == 50 + 3
    assert 'href="?ansoegt_side=2#ansoegt"' in first
    second = text_of(client.get(url, {"ansoegt_side": 2}))
    assert len(trial_links(second, municipality)) == 10 + 3
    assert 'href="?ansoegt_side=1#ansoegt"' in second


def test_municipality_page_pages_its_lists_separately(client, db):
    municipality = MunicipalityFactory()
    for _ in range(51):
        ParticipationFactory(municipality=municipality, kind=Participation.Kind.JOINED_LATER)
    ParticipationFactory(municipality=municipality)
    page = text_of(client.get(f"/kommuner/{municipality.slug}/", {"beslutninger_side": 3}))
    assert 'href="?beslutninger_side=3&amp;tilsluttet_side=2#tilsluttet"' in page
    assert "ansoegt_side" not in page


@pytest.mark.parametrize("page", ["abc", "999", "-1", "0"])
def test_bad_page_of_a_municipality_is_not_an_error(client, db, page):
    municipality = MunicipalityFactory()
    ParticipationFactory(municipality=municipality)
    for param in ("ansoegt_side", "tilsluttet_side", "beslutninger_side"):
        assert client.get(f"/kommuner/{municipality.slug}/", {param: page}).status_code == 200


def test_organisation_page_names_a_working_groups_trial_only_when_published(client, db):
    draft = TrialFactory(title="Kladdeforsøgets titel", is_published=False)
    OrganisationBodyFactory(trial=draft, members="Arbejdsgruppen for kladden")
    published = TrialFactory(title="Offentligt forsøg", is_published=True)
    OrganisationBodyFactory(network=draft.application_round.network, trial=published, members="Den anden gruppe")
    page = text_of(client.get("/organisering/"))
    assert "Arbejdsgruppen for kladden" in page
    assert "Kladdeforsøgets titel" not in page
    assert "Offentligt forsøg" in page
