"""schemathesis over every GET operation of /api/v1/schema/, in-process (WSGI), with few examples each."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from frikommune.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The real WSGI handler closes the database connection after each request, which would end the
    test's transaction (on PostgreSQL); Django's test client unhooks the same signals."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, minutes_data):
    # The page cache answers gzip to a client that accepts it; this WSGI client does not unpack it.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
