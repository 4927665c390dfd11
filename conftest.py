"""Shared pytest fixtures."""

from pathlib import Path

import pytest
from django.core.management import call_command

FIXTURES = sorted(str(path) for path in (Path(__file__).parent / "fixtures").glob("*.yaml"))


@pytest.fixture
def minutes(db):
    """The data transcribed from the minutes of Beskæftigelsesudvalget, 23.01.2018."""
    call_command("loaddata", *FIXTURES, verbosity=0)

