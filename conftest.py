"""Shared pytest fixtures."""

from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = sorted(str(p) for p in (Path(__file__).parent / "fixtures").glob("*.yaml"))


@pytest.fixture
def minutes_data(db):
    """The data transcribed from the minutes (fixtures/*.yaml), as `make load` loads it."""
    call_command("loaddata", *FIXTURES, verbosity=0)
