"""The project's middleware: security headers, the admin unindexed, oversized requests, admin-only middleware."""

from unittest import mock

import pytest
import simple_history.middleware
from axes.middleware import AxesMiddleware
from django.urls import reverse

from frikommune.middleware import PERMISSIONS_POLICY
from meetings.tests.factories import CommitteeFactory


@pytest.mark.parametrize("path", ["/", "/robots.txt", "/findes-ikke/"])
def test_every_response_denies_unused_browser_features(db, client, path):
    policy = client.get(path)["Permissions-Policy"]

    assert policy == PERMISSIONS_POLICY
    for feature in ("camera", "geolocation", "microphone", "payment", "usb"):
        assert f"{feature}=()" in policy


def test_admin_responses_ask_search_engines_not_to_index_them(db, client):
    login = client.get(reverse("admin:login"))
    index = client.get(reverse("admin:index"))

    assert login.status_code == 200
    assert login["X-Robots-Tag"] == "noindex, nofollow"
    assert index["X-Robots-Tag"] == "noindex, nofollow"


def test_minutes_import_under_the_admin_path_is_not_indexed(admin_client):
    CommitteeFactory()  # the import is offered once there is a committee to import for

    response = admin_client.get(reverse("meetings_import_minutes"))

    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_public_pages_may_be_indexed(db, client):
    assert "X-Robots-Tag" not in client.get("/").headers


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def test_request_larger_than_any_upload_is_refused_before_it_is_read(db, client, settings):
    declared = settings.MAX_UPLOAD_SIZE + settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1

    response = client.generic(
        "POST",
        reverse("admin:login"),
        CONTENT_TYPE="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(declared),
        **{"wsgi.input": UnreadableBody()},
    )

    assert response.status_code == 413
    text = response.content.decode()
    assert "Forsendelsen er for stor" in text
    assert "Intet fra denne forsendelse er gemt" in text


def test_request_within_the_limit_reaches_the_view(db, client, settings):
    settings.MAX_UPLOAD_SIZE = 100
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(reverse("admin:login"), {"username": "koordinator", "password": "x" * 500})

    assert response.status_code == 200


def test_request_limit_follows_the_upload_setting(db, client, settings):
    settings.MAX_UPLOAD_SIZE = 100
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = client.post(reverse("admin:login"), {"username": "koordinator", "password": "x" * 1200})

    assert response.status_code == 413


@pytest.mark.parametrize("content_length", ["", "mange", "-5"])
def test_unreadable_content_length_gives_no_server_error(db, client, content_length):
    response = client.generic("POST", reverse("admin:login"), b"", CONTENT_LENGTH=content_length)

    assert response.status_code < 500


@pytest.fixture
def admin_only_middleware_calls():
    """Which of the admin-only middleware ran, in the requests of a test."""
    calls = []
    axes_call = AxesMiddleware.__call__
    history_context = simple_history.middleware._context_manager

    def spy_axes(middleware, request):
        calls.append(("axes", request.path))
        return axes_call(middleware, request)

    def spy_history(request):
        calls.append(("history", request.path))
        return history_context(request)

    with (
        mock.patch.object(AxesMiddleware, "__call__", spy_axes),
        mock.patch.object(simple_history.middleware, "_context_manager", spy_history),
    ):
        yield calls


@pytest.mark.parametrize("path", ["/forsoeg/", "/", "/sitemap.xml"])
def test_public_pages_skip_the_admins_lockout_and_history_middleware(db, client, admin_only_middleware_calls, path):
    assert client.get(path).status_code == 200
    assert admin_only_middleware_calls == []


def test_admin_login_runs_the_lockout_and_history_middleware(db, client, admin_only_middleware_calls):
    login = reverse("admin:login")
    assert client.get(login).status_code == 200
    assert admin_only_middleware_calls == [("history", login), ("axes", login)]


def test_minutes_import_runs_the_history_middleware(admin_client, admin_only_middleware_calls):
    url = reverse("meetings_import_minutes")
    admin_client.get(url)
    assert ("history", url) in admin_only_middleware_calls
