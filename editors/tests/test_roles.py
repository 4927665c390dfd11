"""The editor roles: who edits the whole network, and asking the database once per user."""

import itertools

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from editors import roles

pytestmark = pytest.mark.django_db

_numbers = itertools.count()


def make_user(**fields):
    return get_user_model().objects.create_user(f"editor{next(_numbers)}", is_staff=True, **fields)


def test_superuser_edits_the_whole_network_without_a_group():
    assert roles.is_network_wide(make_user(is_superuser=True))


def test_network_coordinator_edits_the_whole_network(editor_roles):
    user = make_user()
    user.groups.add(Group.objects.get(name=roles.NETWORK_COORDINATOR))
    assert roles.is_network_wide(user)


@pytest.mark.parametrize(
    ("group", "question"),
    [
        (roles.MUNICIPAL_COORDINATOR, roles.is_municipal_coordinator),
        (roles.COMMITTEE_SECRETARY, roles.is_committee_secretary),
    ],
)
def test_each_local_role_is_its_own_and_not_network_wide(editor_roles, group, question):
    user = make_user()
    user.groups.add(Group.objects.get(name=group))
    assert question(user)
    assert not roles.is_network_wide(user)


def test_a_users_groups_are_read_once_per_user_object(editor_roles, django_assert_num_queries):
    user = make_user()
    user.groups.add(Group.objects.get(name=roles.COMMITTEE_SECRETARY))
    with django_assert_num_queries(1):
        roles.is_network_wide(user)
        roles.is_municipal_coordinator(user)
        roles.is_committee_secretary(user)


def test_role_choices_name_the_three_groups_the_migration_makes(editor_roles):
    assert Group.objects.filter(name__in=roles.ROLE_CHOICES.values()).count() == 3
