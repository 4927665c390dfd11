"""schemathesis over every GET operation of /api/v1/schema/, in-process (WSGI), with few examples each."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from frikommune.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)


@pytest.mark.django_db
@schema.include(method="GET").parametrize()
@settings(max_examples=10, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_schema(case, minutes_data):
    case.call_and_validate()
