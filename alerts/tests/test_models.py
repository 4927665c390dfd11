"""The subscription's constraints: exactly one subject, of its kind; one subscription per address and subject."""

import pytest
from django.db import IntegrityError, transaction

from alerts.models import Subscription, normalize_email
from alerts.tests.factories import SubscriptionFactory
from meetings.tests.factories import CommitteeFactory
from trials.tests.factories import MunicipalityFactory, TrialFactory

pytestmark = pytest.mark.django_db


def test_each_kind_with_its_subject():
    trial, municipality, committee = TrialFactory(), MunicipalityFactory(), CommitteeFactory()
    subscriptions = [
        SubscriptionFactory(kind="trial", trial=trial),
        SubscriptionFactory(kind="municipality", municipality=municipality),
        SubscriptionFactory(kind="committee", committee=committee),
        SubscriptionFactory(kind="search", search_query="ledighedsydelse"),
    ]
    assert [s.subject for s in subscriptions] == [trial, municipality, committee, "ledighedsydelse"]
    assert subscriptions[0].subject_url == trial.get_absolute_url()
    assert subscriptions[3].subject_url == "/soeg/?q=ledighedsydelse"


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "trial"},
        {"kind": "municipality"},
        {"kind": "search", "search_query": ""},
        {"kind": "trial", "search_query": "mentor"},
        {"kind": "committee", "municipality": True},
        {"kind": "trial", "municipality": True},
    ],
)
def test_a_subject_that_does_not_match_the_kind_is_refused(fields):
    fields = dict(fields)
    if fields.pop("municipality", False):
        fields["municipality"] = MunicipalityFactory()
    if fields["kind"] == "trial" and "municipality" in fields:
        fields["trial"] = TrialFactory()
    else:
        fields.setdefault("trial", None)
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionFactory(**fields)


def test_one_subscription_per_address_and_subject():
    trial = TrialFactory()
    SubscriptionFactory(email="a@example.dk", trial=trial)
    SubscriptionFactory(email="b@example.dk", trial=trial)
    SubscriptionFactory(email="a@example.dk", kind="search", trial=None, search_query="mentor")
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionFactory(email="a@example.dk", trial=trial)
    with pytest.raises(IntegrityError), transaction.atomic():
        SubscriptionFactory(email="a@example.dk", kind="search", trial=None, search_query="mentor")


def test_confirmed_and_for_email():
    confirmed = SubscriptionFactory(email="a@example.dk")
    SubscriptionFactory(email="a@example.dk", confirmed_at=None)
    SubscriptionFactory(email="b@example.dk")
    assert list(Subscription.objects.confirmed().for_email(" A@Example.DK ")) == [confirmed]
    assert normalize_email(" A@Example.DK ") == "a@example.dk"


def test_deleting_the_subject_deletes_its_subscriptions():
    subscription = SubscriptionFactory()
    subscription.trial.delete()
    assert not Subscription.objects.exists()
