"""The fixtures say what the minutes of 23.01.2018 say, fact by fact."""

import re

import pytest
from django.core.management import call_command

from conftest import MINUTES_FIXTURES, SEEDS_DIR
from trials.models import (
    ApplicationRound,
    Evaluation,
    Exemption,
    GlossaryTerm,
    Municipality,
    Network,
    Organisation,
    OrganisationBody,
    Participation,
    Programme,
    Source,
    Trial,
)

pytestmark = pytest.mark.usefixtures("minutes_data")

FL = ["Frederikshavn", "Læsø"]
APPLICANTS = {
    "Mikrolån til forskellige målgrupper": ["Aalborg"],
    "Iværksætterier blandt dimittender": ["Aalborg", "Frederikshavn"],
    "Formkrav ved lovpligtige samtaler": [
        "Rebild",
        "Thisted",
        *FL,
        "Vesthimmerland",
        "Jammerbugt",
        "Brønderslev",
        "Hjørring",
        "Mariagerfjord",
        "Aalborg",
    ],
    "Fleksibilitet i forhold til forholdstalskrav": ["Jammerbugt", "Thisted", "Vesthimmerland", *FL],
    "Fleksible rammer for uddannelse": [*FL, "Jammerbugt"],
    "Fleksibilitet i rehabiliteringsteams": [
        "Rebild",
        "Vesthimmerland",
        "Jammerbugt",
        "Morsø",
        *FL,
        "Hjørring",
        "Brønderslev",
        "Mariagerfjord",
        "Aalborg",
    ],
    "Psykologbehandling i jobcenterindsatsen": ["Jammerbugt", "Thisted", "Vesthimmerland"],
    "Differentiering i valg af lægeattester på sygedagpengeområdet": [
        "Rebild",
        "Morsø",
        "Jammerbugt",
        "Frederikshavn",
        "Vesthimmerland",
    ],
    "Fritagelse for uddannelsespålæg for en særlig målgruppe": ["Aalborg"],
    "Forenkling af bevillingsgrundlaget for revalidering": [
        "Vesthimmerland",
        "Thisted",
        "Jammerbugt",
        "Aalborg",
    ],
    "Ledighedsydelse – Fritagelse for revurdering i 12. måned inden for 18 måneder": [
        "Thisted",
        "Rebild",
        "Aalborg",
        "Vesthimmerland",
        "Jammerbugt",
    ],
    "Fleksible rammer for løntilskud/jobrotation": ["Jammerbugt", "Aalborg", *FL],
    "Lempede mentorregler (mulighed for at fritage aktivitetsparate kontant- og "
    "uddannelseshjælpsmodtagere for ret og pligt mentor)": ["Jammerbugt", "Aalborg"],
    "Fleksibelt kontaktføreløb for integrationsborgere": ["Vesthimmerland"],
    "Forlængelse af ressourceforløbsager": [*FL, "Jammerbugt"],
    "Fritagelse fra krav til opdatering af indsatsplanens tilbud hver 6. måned ifm ressourceforløb": ["Vesthimmerland"],
    "Færre opfølgninger i relation til førtidspensionister i job med løntilskud": ["Vesthimmerland"],
    "Lempelse af forholdstaltskrav ift. praktikker for ledighedsydelsesmodtagere": ["Vesthimmerland"],
    "Fritagelse for indhentelse af LÆ265 i sager om Jobafklaringsforløb": [
        "Rebild",
        "Vesthimmerland",
        "Jammerbugt",
        "Morsø",
        "Brønderslev",
        *FL,
        "Aalborg",
    ],
}

ROUND_OF_TRIAL = {
    **dict.fromkeys(list(APPLICANTS)[:5], 1),
    **dict.fromkeys(list(APPLICANTS)[5:9], 2),
    **dict.fromkeys(list(APPLICANTS)[9:], 3),
}


def normalised(text):
    """Seed text without Markdown emphasis and with white space folded, to compare quotes."""
    return re.sub(r"\s+", " ", text.replace("*", "")).strip()


def test_network_has_the_eleven_north_jutland_municipalities():
    network = Network.objects.get()
    assert sorted(network.members.values_list("name", flat=True)) == [
        "Aalborg",
        "Brønderslev",
        "Frederikshavn",
        "Hjørring",
        "Jammerbugt",
        "Læsø",
        "Mariagerfjord",
        "Morsø",
        "Rebild",
        "Thisted",
        "Vesthimmerland",
    ]
    assert Municipality.objects.count() == 11


def test_network_theme_period_and_lead():
    network = Network.objects.get()
    assert network.theme == (
        "En mere fleksibel og effektiv beskæftigelsesindsats, herunder også indsats for flygtninge"
    )
    assert network.start_year == 2016
    assert network.approved_until.isoformat() == "2020-07-31"
    assert network.lead_municipality.name == "Aalborg"
    assert network.programme.name == "Frikommuneforsøg II"


def test_first_programme_had_nine_municipalities_2012_to_2015():
    programme = Programme.objects.get(name="Frikommuneforsøg I")
    assert (programme.start_year, programme.end_year, programme.municipality_count) == (2012, 2015, 9)


@pytest.mark.parametrize(
    "number, deadline, sent, approved, earliest_start",
    [
        (1, "2016-12-01", 7, 5, "2017-07-01"),
        (2, "2017-05-01", 4, 4, "2018-01-01"),
        (3, "2017-11-01", 13, 10, "2018-07-01"),
    ],
)
def test_round_dates_and_counts(number, deadline, sent, approved, earliest_start):
    application_round = ApplicationRound.objects.get(number=number)
    assert application_round.deadline.isoformat() == deadline
    assert application_round.applications_sent == sent
    assert application_round.applications_approved == approved
    assert application_round.earliest_start.isoformat() == earliest_start


def test_third_round_answer_came_just_before_christmas_2017():
    assert ApplicationRound.objects.get(number=3).answer_received == "Lige før jul 2017"


def test_rounds_add_up_to_24_sent_and_19_approved():
    rounds = ApplicationRound.objects.all()
    assert sum(r.applications_sent for r in rounds) == 24
    assert sum(r.applications_approved for r in rounds) == 19


def test_there_are_19_trials_as_many_as_approved():
    assert Trial.objects.count() == 19
    for application_round in ApplicationRound.objects.all():
        assert application_round.trials.count() == application_round.applications_approved


@pytest.mark.parametrize("title", list(APPLICANTS))
def test_trial_has_exactly_the_applicants_the_minutes_name(title):
    trial = Trial.objects.get(title=title)
    applicants = trial.participations.filter(kind=Participation.Kind.APPLICANT)
    assert sorted(applicants.values_list("municipality__name", flat=True)) == sorted(APPLICANTS[title])
    assert trial.application_round.number == ROUND_OF_TRIAL[title]


def test_frederikshavn_and_laesoe_applied_together_where_the_minutes_say_so():
    joint = Participation.objects.filter(listed_as="Frederikshavn/Læsø")
    assert set(joint.values_list("municipality__name", flat=True)) == {"Frederikshavn", "Læsø"}
    assert joint.values("trial").distinct().count() == 7
    sick_note_trial = Trial.objects.get(title__startswith="Differentiering i valg af lægeattester")
    assert not sick_note_trial.participations.filter(municipality__name="Læsø").exists()


def test_no_municipality_has_joined_a_trial_later_in_the_minutes():
    assert not Participation.objects.filter(kind=Participation.Kind.JOINED_LATER).exists()


def test_education_order_trial_was_decided_not_to_start_with_its_reason():
    trial = Trial.objects.get(title="Fritagelse for uddannelsespålæg for en særlig målgruppe")
    assert trial.status == Trial.Status.NOT_STARTED
    assert "indberette uddannelsespålæg i IT-systemet" in trial.status_reason
    assert Trial.objects.filter(status=Trial.Status.NOT_STARTED).count() == 1


def test_first_two_rounds_started_and_third_round_is_approved():
    assert set(Trial.objects.filter(application_round__number=3).values_list("status", flat=True)) == {
        Trial.Status.APPROVED
    }
    started = Trial.objects.filter(application_round__number__in=[1, 2], status=Trial.Status.STARTED)
    assert started.count() == 8


def test_only_the_micro_loan_trial_is_limited_to_its_applicants():
    limited = Trial.objects.filter(exemption_scope=Trial.Scope.APPLICANTS)
    assert list(limited.values_list("title", flat=True)) == ["Mikrolån til forskellige målgrupper"]


def test_rehabilitation_team_trial_sought_four_exemptions_and_got_two():
    exemptions = Exemption.objects.filter(trial__title="Fleksibilitet i rehabiliteringsteams")
    assert exemptions.count() == 4
    assert sum(exemption.is_granted for exemption in exemptions) == 2
    assert set(exemptions.values_list("title", flat=True)) == {""}, "the minutes do not name them"


def test_vive_advises_every_trial_that_runs():
    advised = Evaluation.objects.filter(evaluator__abbreviation="VIVE", kind=Evaluation.Kind.ADVICE)
    assert advised.count() == 18
    assert not advised.filter(trial__status=Trial.Status.NOT_STARTED).exists()


def test_every_trial_has_an_evaluation_design_cross_municipal_where_shared():
    designs = Evaluation.objects.filter(kind=Evaluation.Kind.DESIGN)
    assert designs.count() == 19
    assert not designs.get(trial__title="Mikrolån til forskellige målgrupper").is_cross_municipal
    assert designs.get(trial__title="Fleksible rammer for uddannelse").is_cross_municipal


def test_ramboll_designs_and_evaluates_midway_two_trials():
    ramboll = Organisation.objects.get(abbreviation="Rambøll")
    for kind in (Evaluation.Kind.DESIGN, Evaluation.Kind.MIDWAY):
        assert sorted(ramboll.evaluations.filter(kind=kind).values_list("trial__title", flat=True)) == [
            "Fleksibilitet i rehabiliteringsteams",
            "Formkrav ved lovpligtige samtaler",
        ]


def test_project_organisation_bodies_and_how_often_they_meet():
    bodies = {body.role: body for body in OrganisationBody.objects.all()}
    assert bodies["owner"].members == "KKR Nordjylland"
    assert "2 gange om året" in bodies["owner"].cadence
    assert bodies["steering"].members == "Beskæftigelsesdirektørerne i Nordjylland"
    assert "ca. 6 gange om året" in bodies["steering"].cadence
    assert bodies["chiefs"].members == "Jobcentercheferne i Nordjylland"
    assert "efter behov" in bodies["working"].cadence
    assert "3-4 kommuner" in bodies["follow_up"].members


def test_stakeholders_named_in_the_minutes():
    names = set(Organisation.objects.filter(is_stakeholder=True).values_list("name", flat=True))
    assert {"KL", "RAR Nordjylland", "LBR", "Styrelsen for Arbejdsmarked og Rekruttering"} <= names
    assert Organisation.objects.filter(abbreviation__in=["ØIM", "STAR", "VIVE"]).count() == 3


def test_glossary_terms_expand_abbreviations_the_minutes_expand():
    assert GlossaryTerm.objects.get(term="STAR").full_form == "Styrelsen for Arbejdsmarked og Rekruttering"
    assert GlossaryTerm.objects.get(term="KKR").full_form == "Kommune Kontakt Rådet"


def test_every_source_excerpt_is_quoted_word_for_word_from_the_minutes():
    minutes = normalised((SEEDS_DIR / "004_0476763c89c3f9a7.txt").read_text(encoding="utf-8"))
    sources = Source.objects.exclude(excerpt="")
    assert sources.count() > 40
    for source in sources:
        assert normalised(source.excerpt) in minutes, source.locator


def test_every_trial_and_participation_names_its_source():
    assert not Trial.objects.filter(source__isnull=True).exists()
    assert not Participation.objects.filter(source__isnull=True).exists()
    trial = Trial.objects.get(title="Psykologbehandling i jobcenterindsatsen")
    assert trial.source.locator == "Punkt 6, Sagsbeskrivelse, Runde 2, nr. 2"
    assert trial.source.agenda_item.number == 6


def test_loading_the_fixtures_twice_changes_nothing():
    counts = {model: model.objects.count() for model in (Trial, Participation, Source, Evaluation)}
    history = Trial.history.count()
    call_command("loaddata", *MINUTES_FIXTURES, verbosity=0)
    assert {model: model.objects.count() for model in counts} == counts
    assert Trial.history.count() == history


def test_ramboll_is_named_as_the_minutes_name_it_but_for_their_typo():
    # The minutes print "Ramøll management consulting (Rambøll)"; only the dropped "b" is mended.
    assert Organisation.objects.get(abbreviation="Rambøll").name == "Rambøll management consulting"
