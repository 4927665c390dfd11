"""Shared pytest fixtures for every app."""

import importlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from editors import roles
from meetings.tests.factories import CommitteeSecretaryFactory
from trials.tests.factories import MunicipalCoordinatorFactory, UserFactory

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
MINUTES_FIXTURES = sorted(str(path) for path in FIXTURES_DIR.glob("*.yaml"))
SEEDS_DIR = Path(__file__).resolve().parent.parent / "shared" / "seeds"


@pytest.fixture
def minutes_data(db):
    """The data transcribed from the minutes, as `make run` loads it."""
    call_command("loaddata", *MINUTES_FIXTURES, verbosity=0)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads in tests land in a temporary folder, never in the project's media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def editor_roles(db):
    """The three editor roles, as their data migration makes them.

    A transactional test (the browser tests) flushes every table afterwards, roles included; put
    them back with the migration's own code and models, so the order tests run in does not matter.
    """
    if Group.objects.filter(name__in=roles.ROLE_CHOICES.values()).count() != len(roles.ROLE_CHOICES):
        migration = importlib.import_module("meetings.migrations.0003_editor_roles")
        migration.create_roles(MigrationExecutor(connection).loader.project_state().apps, None)


def _logged_in(user):
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def network_coordinator_client(editor_roles):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=roles.NETWORK_COORDINATOR))
    return _logged_in(user)


@pytest.fixture
def make_municipal_coordinator_client(editor_roles):
    """A client logged in as the Kommunekoordinator of the given municipalities."""

    def make(*municipalities):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.MUNICIPAL_COORDINATOR))
        for municipality in municipalities:
            MunicipalCoordinatorFactory(user=user, municipality=municipality)
        return _logged_in(user)

    return make


@pytest.fixture
def make_secretary_client(editor_roles):
    """A client logged in as the Udvalgssekretær of the given committees."""

    def make(*committees):
        user = UserFactory()
        user.groups.add(Group.objects.get(name=roles.COMMITTEE_SECRETARY))
        for committee in committees:
            CommitteeSecretaryFactory(user=user, committee=committee)
        return _logged_in(user)

    return make
