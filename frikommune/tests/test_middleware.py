"""The project's middleware: security headers, the admin kept out of search engines, oversized requests."""

import pytest
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
