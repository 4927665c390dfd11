"""Settings come from the environment and refuse an unsafe production start."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

PROJECT_DIR = Path(__file__).resolve().parents[2]


STRONG_KEY = "production-like-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def run_django(*command, **env):
    environment = {key: value for key, value in os.environ.items() if key not in {"SECRET_KEY", "DEBUG", "PROXY_COUNT"}}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *(command or ["check"])],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django(DEBUG="0")
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


def test_production_starts_with_a_secret_key():
    result = run_django(DEBUG="0", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "weak_key",
    [
        "kort-men-hemmeligt-0123456789",  # under 50 characters
        "ab" * 30,  # under 5 distinct characters
        "django-insecure-" + STRONG_KEY,  # Django's generated development key
    ],
)
def test_production_refuses_to_start_with_a_weak_secret_key(weak_key):
    result = run_django(DEBUG="0", SECRET_KEY=weak_key, ALLOWED_HOSTS="example.org")
    assert result.returncode != 0
    assert "SECRET_KEY is too weak" in result.stderr


def test_development_accepts_any_secret_key():
    result = run_django(DEBUG="1", SECRET_KEY="kort")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(("value", "expected"), [(None, "0"), ("1", "1"), ("2", "2")])
def test_proxy_count_comes_from_the_environment(value, expected):
    extra = {} if value is None else {"PROXY_COUNT": value}
    result = run_django(
        "shell", "-c", "from django.conf import settings; print(settings.PROXY_COUNT)", DEBUG="1", **extra
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == expected


def test_danish_language_and_copenhagen_time(settings):
    assert settings.LANGUAGE_CODE == "da"
    assert settings.TIME_ZONE == "Europe/Copenhagen"
    assert ("en", "Engelsk") in [(code, str(name)) for code, name in settings.LANGUAGES]


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_make_test_collects_every_apps_tests():
    # An app whose tests are not in pytest.ini's testpaths never runs in `make test` or CI.
    import configparser
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    config = configparser.ConfigParser()
    config.read(root / "pytest.ini")
    testpaths = set(config["pytest"]["testpaths"].split())
    apps_with_tests = {path.parent.parent.name for path in root.glob("*/tests/__init__.py")}
    assert apps_with_tests <= testpaths, apps_with_tests - testpaths
