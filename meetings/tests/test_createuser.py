"""The createuser command: an editor in a role, with the municipality or committee the role keeps."""

import io

import pytest
from django.core.management import CommandError, call_command

from editors import roles
from meetings.models import CommitteeSecretary
from trials.models import MunicipalCoordinator
from trials.tests import factories as f

pytestmark = pytest.mark.django_db


# --- the createuser command -------------------------------------------------------------------


def test_createuser_makes_a_municipal_coordinator(monkeypatch):
    aalborg = f.MunicipalityFactory(slug="aalborg")
    monkeypatch.setenv("FRIKOMMUNE_PASSWORD", "et-langt-kodeord-2018")

    call_command(
        "createuser", "mette", "--role", "kommunekoordinator", "--municipality", "aalborg", stdout=io.StringIO()
    )

    coordinator = MunicipalCoordinator.objects.get(municipality=aalborg)
    assert coordinator.user.username == "mette"
    assert coordinator.user.is_staff
    assert coordinator.user.check_password("et-langt-kodeord-2018")
    assert coordinator.user.groups.filter(name=roles.MUNICIPAL_COORDINATOR).exists()


def test_createuser_puts_an_existing_user_in_the_secretary_role(committees):
    user = f.UserFactory(username="birgitte", is_staff=False)

    call_command(
        "createuser",
        "birgitte",
        "--role",
        "udvalgssekretaer",
        "--committee",
        "bsu",
        "--no-password",
        stdout=io.StringIO(),
    )

    user.refresh_from_db()
    assert user.is_staff
    assert CommitteeSecretary.objects.get(user=user).committee == committees["own"]


@pytest.mark.parametrize(
    "arguments",
    [
        ["--role", "kommunekoordinator"],
        ["--role", "kommunekoordinator", "--municipality", "findes-ikke"],
        ["--role", "udvalgssekretaer"],
        ["--role", "netvaerkskoordinator", "--committee", "bsu"],
    ],
)
def test_createuser_refuses_a_role_without_its_scope(committees, arguments):
    with pytest.raises(CommandError):
        call_command("createuser", "x", *arguments, "--no-password", stdout=io.StringIO())


def test_createuser_refuses_a_weak_password(monkeypatch):
    monkeypatch.setenv("FRIKOMMUNE_PASSWORD", "1234")

    with pytest.raises(CommandError):
        call_command("createuser", "x", "--role", "netvaerkskoordinator", stdout=io.StringIO())
