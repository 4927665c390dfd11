"""Which part of the register each editor may edit: Trial/Participation/Exemption.objects.editable_by(user)."""

import pytest
from django.contrib.auth.models import Group

from editors import roles
from trials.models import Exemption, Participation, Trial
from trials.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(editor_roles, two_trials):
    user = f.UserFactory()
    user.groups.add(Group.objects.get(name=roles.MUNICIPAL_COORDINATOR))
    f.MunicipalCoordinatorFactory(user=user, municipality=two_trials["own"].participations.get().municipality)
    return user


@pytest.fixture
def two_trials():
    own, other = f.TrialFactory(), f.TrialFactory()
    f.ParticipationFactory(trial=own)
    f.ParticipationFactory(trial=other)
    for trial in (own, other):
        f.ExemptionFactory(trial=trial)
    return {"own": own, "other": other}


def test_kommunekoordinator_edits_the_trials_of_their_municipality_and_what_hangs_on_them(coordinator, two_trials):
    own = two_trials["own"]
    assert list(Trial.objects.editable_by(coordinator)) == [own]
    assert list(Participation.objects.editable_by(coordinator)) == list(own.participations.all())
    assert list(Exemption.objects.editable_by(coordinator)) == list(own.exemptions.all())


def test_network_coordinator_edits_every_trial(editor_roles, two_trials):
    user = f.UserFactory()
    user.groups.add(Group.objects.get(name=roles.NETWORK_COORDINATOR))
    assert Trial.objects.editable_by(user).count() == 2
    assert Exemption.objects.editable_by(user).count() == 2


def test_user_who_keeps_no_municipality_edits_no_trial(two_trials):
    user = f.UserFactory()
    assert not Trial.objects.editable_by(user).exists()
    assert not Participation.objects.editable_by(user).exists()
