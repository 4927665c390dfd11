"""generate_national_data: synthetic data of the asked size, marked, seeded, and kept apart from the fixtures."""

import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from meetings import models as m
from meetings.national_data import NAME_SUFFIX, SLUG_PREFIX, foreign_objects, synthetic
from meetings.national_data.markers import SYNTHETIC, fixture_keys
from trials import models as t
from trials.tests.factories import MunicipalityFactory, TrialFactory

SMALL = {
    "municipalities": 12,
    "networks": 3,
    "trials": 40,
    "committees": 8,
    "meetings": 40,
    "agenda_items": 400,
    "decisions": 60,
    "documents": 15,
}


def generate(seed=0, **options):
    call_command("generate_national_data", seed=seed, stdout=StringIO(), **{**SMALL, **options})


def digest():
    """A fingerprint of the synthetic data's titles, texts and dates (not of its primary keys)."""
    rows = [
        sorted(synthetic(t.Municipality).values_list("slug", "name")),
        sorted(synthetic(t.Trial).values_list("slug", "title", "summary", "status")),
        sorted(synthetic(m.Meeting).values_list("committee__slug", "date")),
        sorted(
            synthetic(m.AgendaItem).values_list(
                "meeting__committee__slug", "meeting__date", "number", "title", "is_closed", "case_description"
            )
        ),
        sorted(synthetic(m.CommitteeDecision).values_list("committee__slug", "decided_on", "text")),
        sorted(synthetic(m.Document).values_list("title", "date", "extracted_text")),
    ]
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def fixture_rows():
    """Every fixture object's field values, and the links that point at a fixture trial."""
    keys = fixture_keys()
    rows = {}
    for model in SYNTHETIC:
        pks = keys.get(model._meta.label_lower, {})
        rows[model._meta.label] = sorted(map(repr, model.objects.filter(pk__in=pks).values()))
    fixture_trials = keys["trials.trial"]
    rows["item links"] = sorted(m.AgendaItem.trials.through.objects.filter(trial__in=fixture_trials).values_list())
    rows["decision links"] = sorted(
        m.CommitteeDecision.trials.through.objects.filter(trial__in=fixture_trials).values_list()
    )
    return rows


@pytest.mark.django_db
def test_counts_come_out_as_asked(minutes_data):
    generate()

    assert synthetic(t.Municipality).count() == 12
    assert synthetic(t.Network).count() == 3
    assert synthetic(t.ApplicationRound).count() == 3 * 3
    assert synthetic(t.Trial).count() == 40
    assert synthetic(m.Committee).count() == 8
    assert synthetic(m.Meeting).count() == 40
    assert synthetic(m.AgendaItem).count() == 400
    assert synthetic(m.CommitteeDecision).count() == 60
    assert synthetic(m.Document).count() == 15


@pytest.mark.django_db
def test_every_trial_has_participations_and_evaluations_and_every_decision_concerns_a_trial(minutes_data):
    generate()

    assert not synthetic(t.Trial).filter(participations__isnull=True).exists()
    assert not synthetic(t.Trial).filter(evaluations__isnull=True).exists()
    assert synthetic(t.Exemption).exists()
    assert not synthetic(m.CommitteeDecision).filter(trials__isnull=True).exists()
    assert not synthetic(m.Document).filter(extracted_text="").exists()


@pytest.mark.django_db
def test_five_percent_of_agenda_items_are_closed(minutes_data):
    generate()

    assert synthetic(m.AgendaItem).filter(is_closed=True).count() == 20


@pytest.mark.django_db
def test_same_seed_gives_the_same_data_and_another_seed_other_data(minutes_data):
    generate(seed=7)
    first = digest()
    generate(seed=7)  # replaces the data of the first run
    again = digest()
    generate(seed=8)

    assert again == first
    assert synthetic(t.Trial).count() == 40
    assert digest() != first


@pytest.mark.django_db
def test_refuses_a_database_with_a_hand_made_trial(minutes_data):
    TrialFactory(application_round=t.ApplicationRound.objects.first(), number_in_round=99)

    with pytest.raises(CommandError, match="trials.Trial: 1"):
        generate()
    assert not synthetic(t.Trial).exists()


@pytest.mark.django_db
def test_proceeds_with_force_and_keeps_the_hand_made_trial(minutes_data):
    trial = TrialFactory(application_round=t.ApplicationRound.objects.first(), number_in_round=99)

    generate(force=True)

    assert synthetic(t.Trial).count() == 40
    assert t.Trial.objects.filter(pk=trial.pk).exists()


@pytest.mark.django_db
def test_refuses_a_hand_made_object_that_has_a_fixture_objects_primary_key():
    MunicipalityFactory(pk=1, name="Håndlavet", slug="haandlavet")

    with pytest.raises(CommandError, match="trials.Municipality: 1"):
        generate()


@pytest.mark.django_db
def test_counts_that_cannot_go_together_are_refused(minutes_data):
    with pytest.raises(CommandError, match="--agenda-items"):
        generate(meetings=0)


@pytest.mark.django_db
def test_every_generated_object_carries_the_synthetic_marker(minutes_data):
    generate()

    assert foreign_objects() == {}
    for model in (t.Programme, t.Municipality, t.Organisation, t.Network, t.Trial, m.Committee):
        assert not synthetic(model).exclude(slug__startswith=SLUG_PREFIX).exists(), model
    for model, name in [(t.Municipality, "name"), (t.Network, "name"), (m.Committee, "name")]:
        assert not synthetic(model).exclude(**{f"{name}__endswith": NAME_SUFFIX}).exists(), model
    for model in (t.Trial, m.AgendaItem, m.Document):
        assert not synthetic(model).exclude(title__endswith=NAME_SUFFIX).exists(), model


@pytest.mark.django_db
def test_fixture_objects_are_untouched_by_generating_and_flushing(minutes_data):
    before = fixture_rows()

    generate()
    after_generating = fixture_rows()
    call_command("generate_national_data", flush_only=True, stdout=StringIO())

    assert after_generating == before
    assert fixture_rows() == before
    assert all(not synthetic(model).exists() for model in SYNTHETIC)


@pytest.mark.django_db
def test_closed_items_carry_text_that_the_meeting_page_withholds(minutes_data, client):
    generate()
    closed = synthetic(m.AgendaItem).filter(is_closed=True, meeting__is_published=True).first()

    page = client.get(closed.meeting.get_absolute_url()).content.decode()

    assert closed.title.endswith(" - lukket" + NAME_SUFFIX)
    assert closed.case_description and closed.decision and closed.proposal
    assert closed.title in page
    assert closed.case_description.split("\n")[0] not in page
    assert closed.decision not in page
