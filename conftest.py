"""Fixtures shared by the apps' tests."""

import pytest
from django.contrib.auth.models import Group
from django.test import Client

from meetings.tests.factories import CommitteeSecretaryFactory
from trials import roles
from trials.tests.factories import MunicipalCoordinatorFactory, UserFactory


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in tests land in a temporary folder, never in the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _logged_in(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def network_coordinator_client(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=roles.NETWORK_COORDINATOR))
    return _logged_in(user)


@pytest.fixture
def make_municipal_coordinator_client(db):
    """A client logged in as the Kommunekoordinator of the given municipalities."""

    def make(*municipalities):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.MUNICIPAL_COORDINATOR))
        for municipality in municipalities:
            MunicipalCoordinatorFactory(user=user, municipality=municipality)
        return _logged_in(user)

    return make


@pytest.fixture
def make_secretary_client(db):
    """A client logged in as the Udvalgssekretær of the given committees."""

    def make(*committees):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.COMMITTEE_SECRETARY))
        for committee in committees:
            CommitteeSecretaryFactory(user=user, committee=committee)
        return _logged_in(user)

    return make
