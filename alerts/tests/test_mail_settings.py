"""EMAIL_URL and DEFAULT_FROM_EMAIL come from the environment; without them mail goes to the terminal."""

import json

import pytest

from frikommune.tests.test_settings import run_django

PRINT = (
    "from django.conf import settings as s; import json; print(json.dumps({k: getattr(s, k) for k in ("
    "'EMAIL_BACKEND', 'EMAIL_HOST', 'EMAIL_PORT', 'EMAIL_HOST_USER', 'EMAIL_HOST_PASSWORD', 'EMAIL_USE_TLS',"
    "'EMAIL_USE_SSL', 'EMAIL_FILE_PATH', 'DEFAULT_FROM_EMAIL')}))"
)


def mail_settings(**env):
    result = run_django("shell", "-c", PRINT, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_by_default_mail_goes_to_the_terminal_from_the_portal():
    found = mail_settings(EMAIL_URL="", DEFAULT_FROM_EMAIL="")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert found["DEFAULT_FROM_EMAIL"] == "Frikommuneportalen <noreply@localhost>"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "smtp://postmand:hemmeligt%40ord@mail.example.dk:2525",
            {
                "EMAIL_HOST": "mail.example.dk",
                "EMAIL_PORT": 2525,
                "EMAIL_HOST_USER": "postmand",
                "EMAIL_HOST_PASSWORD": "hemmeligt@ord",
                "EMAIL_USE_TLS": False,
                "EMAIL_USE_SSL": False,
            },
        ),
        ("smtps://u:p@mail.example.dk:587", {"EMAIL_PORT": 587, "EMAIL_USE_TLS": True, "EMAIL_USE_SSL": False}),
        ("smtp+ssl://u:p@mail.example.dk:465", {"EMAIL_PORT": 465, "EMAIL_USE_TLS": False, "EMAIL_USE_SSL": True}),
    ],
)
def test_an_smtp_server_from_email_url(url, expected):
    found = mail_settings(EMAIL_URL=url, DEFAULT_FROM_EMAIL="Portalen <portal@example.dk>")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert {key: found[key] for key in expected} == expected
    assert found["DEFAULT_FROM_EMAIL"] == "Portalen <portal@example.dk>"


def test_mail_to_files():
    found = mail_settings(EMAIL_URL="filemail:////tmp/frikommune-mail")
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.filebased.EmailBackend"
    assert found["EMAIL_FILE_PATH"] == "/tmp/frikommune-mail"


@pytest.mark.parametrize(
    ("site_url", "warned"),
    [
        ("http://127.0.0.1:8000", True),
        ("http://frikommune.example.dk", True),
        ("https://localhost", True),
        ("https://frikommune.example.dk", False),
    ],
)
def test_deploy_check_warns_of_a_development_site_url(settings, site_url, warned):
    from alerts.checks import site_url_check

    settings.SITE_URL = site_url
    assert [warning.id for warning in site_url_check(None)] == (["alerts.W001"] if warned else [])
