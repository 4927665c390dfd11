"""Shared pytest fixtures for every app."""

from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES_DIR = Path(__file__).resolve().parent / "fixtures"
MINUTES_FIXTURES = sorted(str(path) for path in FIXTURES_DIR.glob("*.yaml"))
SEEDS_DIR = Path(__file__).resolve().parent.parent / "shared" / "seeds"


@pytest.fixture
def minutes_data(db):
    """The data transcribed from the minutes, as `make run` loads it."""
    call_command("loaddata", *MINUTES_FIXTURES, verbosity=0)
