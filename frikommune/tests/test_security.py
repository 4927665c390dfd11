"""Production settings pass Django's deployment checks and send the security headers."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    "ALLOWED_HOSTS": "frikommune.example.dk",
    "CSRF_TRUSTED_ORIGINS": "https://frikommune.example.dk",
    "SITE_URL": "https://frikommune.example.dk",
    "ADMIN_URL": "forvaltning/",
}

# Runs in a child process so that the settings module is read with production values.
REQUEST_SCRIPT = textwrap.dedent(
    """
    import json, django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    call_command("migrate", verbosity=0)
    response = Client().get("/", secure=True, HTTP_HOST="frikommune.example.dk")
    insecure = Client().get("/", HTTP_HOST="frikommune.example.dk")
    login = Client().get("/forvaltning/login/", secure=True, HTTP_HOST="frikommune.example.dk")
    default_admin = Client().get("/admin/", secure=True, HTTP_HOST="frikommune.example.dk")
    print(json.dumps({
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {
            name: {"secure": bool(m["secure"]), "httponly": bool(m["httponly"])}
            for name, m in login.cookies.items()
        },
        "login_status": login.status_code,
        "default_admin_status": default_admin.status_code,
        "insecure_status": insecure.status_code,
        "insecure_location": insecure.headers.get("Location", ""),
    }))
    """
)


def production_env(tmp_path, **extra):
    environment = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    environment.update(PRODUCTION_ENV, DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}", **extra)
    environment["STATIC_ROOT"] = str(tmp_path / "static")
    return environment


def test_deploy_check_reports_nothing_with_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=PROJECT_DIR,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.fixture(scope="module")
def production_response(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("production")
    environment = production_env(tmp_path)
    # The manifest storage needs collected static files to render pages that use {% static %}.
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=PROJECT_DIR,
        env=environment,
        check=True,
        capture_output=True,
    )
    result = subprocess.run(
        [sys.executable, "-c", REQUEST_SCRIPT],
        cwd=PROJECT_DIR,
        env={**environment, "DJANGO_SETTINGS_MODULE": "frikommune.settings"},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_answers_over_https(production_response):
    assert production_response["status"] == 200


def test_plain_http_is_redirected_to_https(production_response):
    assert production_response["insecure_status"] == 301
    assert production_response["insecure_location"].startswith("https://")


def test_hsts_header(production_response):
    hsts = production_response["headers"]["Strict-Transport-Security"]
    assert "max-age=31536000" in hsts
    assert "includeSubDomains" in hsts


def test_content_security_policy_allows_no_inline_scripts(production_response):
    policy = production_response["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_nosniff_referrer_and_framing_headers(production_response):
    headers = production_response["headers"]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"


def test_permissions_policy_denies_unused_browser_features(production_response):
    policy = production_response["headers"]["Permissions-Policy"]
    assert "camera=()" in policy
    assert "geolocation=()" in policy


def test_admin_login_sets_only_secure_cookies(production_response):
    assert production_response["login_status"] == 200
    cookies = production_response["cookies"]
    assert "csrftoken" in cookies
    for name, flags in cookies.items():
        assert flags["secure"], name


def test_admin_is_not_at_the_default_path(production_response):
    assert production_response["default_admin_status"] == 404
