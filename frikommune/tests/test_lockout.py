"""A failed login is recorded for the lockout whatever the visitor typed."""

from axes.models import AccessAttempt
from django.urls import reverse


def test_overlong_username_is_recorded_cut_short_without_a_server_error(db, client):
    response = client.post(reverse("admin:login"), {"username": "x" * 300, "password": "forkert"})

    assert response.status_code == 200
    assert AccessAttempt.objects.get().username == "x" * 255


def test_failed_login_records_the_username_as_typed(db, client):
    client.post(reverse("admin:login"), {"username": "koordinator", "password": "forkert"})

    assert AccessAttempt.objects.get().username == "koordinator"
