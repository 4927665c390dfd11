"""The database refuses data that breaks the register's hard rules, with a clear message."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from trials.models import ApplicationRound, Municipality, Network, Programme, Trial

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    programme = Programme.objects.create(name="P", slug="p", start_year=2016, end_year=2020)
    lead = Municipality.objects.create(name="Aalborg", slug="aalborg")
    return Network.objects.create(
        programme=programme, name="N", slug="n", theme="T", start_year=2016, lead_municipality=lead
    )


def make_round(network, number=1, sent=7, approved=5):
    return ApplicationRound(
        network=network,
        number=number,
        deadline=datetime.date(2016, 12, 1),
        applications_sent=sent,
        applications_approved=approved,
    )


def test_round_cannot_approve_more_applications_than_were_sent(network):
    with pytest.raises(IntegrityError):
        make_round(network, sent=4, approved=5).save()


def test_round_validation_says_why_approved_above_sent_is_refused(network):
    with pytest.raises(ValidationError) as error:
        make_round(network, sent=4, approved=5).full_clean()
    assert "Der kan ikke være godkendt flere ansøgninger, end der er sendt." in str(error.value)


def test_round_number_is_unique_within_a_network(network):
    make_round(network, number=1).save()
    with pytest.raises(IntegrityError):
        make_round(network, number=1).save()


def test_duplicate_round_number_is_reported_by_validation(network):
    make_round(network, number=1).save()
    with pytest.raises(ValidationError) as error:
        make_round(network, number=1).full_clean()
    assert "nummer" in str(error.value).lower()


def test_trial_slug_is_unique(network):
    application_round = make_round(network)
    application_round.save()
    Trial.objects.create(application_round=application_round, number_in_round=1, title="A", slug="forsoeg")
    duplicate = Trial(application_round=application_round, number_in_round=2, title="B", slug="forsoeg")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "kortnavn" in str(error.value).lower()
    with pytest.raises(IntegrityError):
        duplicate.save()


def test_municipality_slug_is_unique(db):
    Municipality.objects.create(name="Læsø", slug="laesoe")
    with pytest.raises(IntegrityError):
        Municipality.objects.create(name="Læsø Kommune", slug="laesoe")
