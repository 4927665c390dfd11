"""Behind a reverse proxy each client keeps its own address, for the login lockout too."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from frikommune.proxy import client_ip_address
from trials.tests.factories import UserFactory

PROXY = "10.0.0.2"
CLIENT = "203.0.113.5"
COLLEAGUE = "198.51.100.7"
PASSWORD = "rigtigt-kodeord-42"


@pytest.fixture
def coordinator(db):
    user = UserFactory(username="koordinator")
    user.set_password(PASSWORD)
    user.save()
    return user


def log_in(client, password, forwarded_for=None, remote_addr=PROXY):
    headers = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client.post(reverse("admin:login"), {"username": "koordinator", "password": password}, **headers)


def fail_until_locked(client, settings, forwarded_for):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "forkert", forwarded_for)


def address(forwarded_for=None, remote_addr=PROXY):
    meta = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return client_ip_address(RequestFactory().get("/", **meta))


def test_one_clients_failed_logins_do_not_lock_out_another_client_behind_the_proxy(client, settings, coordinator):
    settings.PROXY_COUNT = 1
    fail_until_locked(client, settings, forwarded_for=CLIENT)

    response = log_in(client, PASSWORD, forwarded_for=COLLEAGUE)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(coordinator.pk)


def test_client_behind_the_proxy_is_still_locked_out_after_its_failed_logins(client, settings, coordinator):
    settings.PROXY_COUNT = 1
    fail_until_locked(client, settings, forwarded_for=CLIENT)

    response = log_in(client, PASSWORD, forwarded_for=CLIENT)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_forged_forwarded_for_entries_do_not_escape_the_lockout_behind_the_proxy(client, settings, coordinator):
    settings.PROXY_COUNT = 1
    # The client writes its own X-Forwarded-For; nginx appends the address it saw.
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "forkert", forwarded_for=f"192.0.2.{attempt}, {CLIENT}")

    response = log_in(client, PASSWORD, forwarded_for=f"{COLLEAGUE}, {CLIENT}")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_forged_forwarded_for_does_not_escape_the_lockout_without_a_proxy(client, settings, coordinator):
    settings.PROXY_COUNT = 0
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        log_in(client, "forkert", forwarded_for=f"192.0.2.{attempt}", remote_addr=CLIENT)

    response = log_in(client, PASSWORD, forwarded_for=COLLEAGUE, remote_addr=CLIENT)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_single_forwarded_for_entry_is_the_client_behind_one_proxy(settings):
    settings.PROXY_COUNT = 1
    assert address(forwarded_for=CLIENT) == CLIENT


def test_right_most_entry_is_the_client_behind_one_proxy(settings):
    settings.PROXY_COUNT = 1
    assert address(forwarded_for=f"192.0.2.9, {CLIENT}") == CLIENT


def test_entry_the_outermost_of_two_proxies_saw_is_the_client(settings):
    settings.PROXY_COUNT = 2
    assert address(forwarded_for=f"192.0.2.9, {CLIENT}, 10.0.0.1") == CLIENT


def test_forwarded_for_is_ignored_without_a_proxy(settings):
    settings.PROXY_COUNT = 0
    assert address(forwarded_for=COLLEAGUE, remote_addr=CLIENT) == CLIENT


@pytest.mark.parametrize("forwarded_for", [None, "", "unknown", "203.0.113.5:4711"])
def test_missing_or_garbled_forwarded_for_falls_back_to_the_proxys_address(settings, forwarded_for):
    settings.PROXY_COUNT = 1
    assert address(forwarded_for=forwarded_for) == PROXY


def test_fewer_forwarded_for_entries_than_proxies_fall_back_to_the_proxys_address(settings):
    settings.PROXY_COUNT = 2
    assert address(forwarded_for=CLIENT) == PROXY


def test_garbled_forwarded_for_gives_no_server_error_on_login(client, settings, coordinator):
    settings.PROXY_COUNT = 1

    response = log_in(client, "forkert", forwarded_for="<script>, not-an-address")

    assert response.status_code == 200
