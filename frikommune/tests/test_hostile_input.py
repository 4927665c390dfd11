"""Random and malicious input to every public URL: never a 500, never echoed unescaped."""

import re
from urllib.parse import quote

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from conftest import fixed_public_urls, public_routes

MARKER = "<x-fuzz>"
HOSTILE = [
    "' OR 1=1 --",
    "'; DROP TABLE trials_trial; --",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "\x00",
    "a\x00b",
    "%00",
    "%ff%fe",
    "../../etc/passwd",
    "-1",
    "0",
    "99999999999999999999999",
    "1e308",
    "NaN",
    "x" * 5000,
    "Ærø – ØIM § 65 “citat”",
    "rehabiliteringsteamet",
]
# Query-string keys the public pages read; unknown keys must be ignored as well.
QUERY_KEYS = [
    "q",
    "page",
    "side",
    "netvaerk",
    "runde",
    "kommune",
    "status",
    "evaluator",
    "sort",
    "udvalg",
    "aar",
    "type",
    "x",
]


def fill(route, value):
    """Put `value` (already percent-encoded) in every <converter:name> of the route."""
    return "/" + re.sub(r"<[^>]+>", value, route.lstrip("^").rstrip("$"))


ROUTES = sorted(set(public_routes()))
PARAMETRISED = [route for route in ROUTES if "<" in route]
FIXED_URLS = fixed_public_urls()

hostile_text = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=0, max_size=200))


def encode(text):
    # Keep raw percent sequences such as %ff (broken UTF-8) as they are; encode the rest.
    return text if re.fullmatch(r"(%[0-9a-fA-F]{2})+", text) else quote(text.encode("utf-8", "surrogatepass"), safe="")


def with_query(url, query):
    return f"{url}{'&' if '?' in url else '?'}{query}"


def assert_handled(response, sent):
    assert response.status_code < 500, (response.status_code, sent)
    content_type = response.headers.get("Content-Type", "")
    if "html" in content_type or "xml" in content_type:
        assert MARKER.encode() not in response.content, sent


def test_there_are_public_routes_to_attack():
    assert "" in ROUTES
    assert any(route.startswith("forsoeg/<") for route in PARAMETRISED)
    assert any(route.startswith("moeder/<") for route in PARAMETRISED)


@pytest.mark.django_db
@hypothesis_settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=hostile_text, route=st.sampled_from(PARAMETRISED))
def test_path_parameters_never_cause_a_server_error(client, minutes_data, value, route):
    url = fill(route, encode(MARKER + value))
    assert_handled(client.get(url), url)


@pytest.mark.django_db
@hypothesis_settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    url=st.sampled_from(FIXED_URLS),
    params=st.dictionaries(st.sampled_from(QUERY_KEYS), hostile_text, max_size=4),
)
def test_query_strings_never_cause_a_server_error(client, minutes_data, url, params):
    query = "&".join(f"{key}={encode(MARKER + value)}" for key, value in params.items())
    sent = with_query(url, query)
    assert_handled(client.get(sent), sent)


@pytest.mark.django_db
@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("key", ["q", "page", "side"])
def test_every_listed_hostile_string_on_every_fixed_url(client, minutes_data, key, value):
    for url in FIXED_URLS:
        sent = with_query(url, f"{key}={encode(MARKER + value)}")
        assert_handled(client.get(sent), sent)


def test_hostile_query_string_on_every_public_url(client, public_urls):
    query = "&".join(f"{key}={encode(MARKER + HOSTILE[3])}" for key in QUERY_KEYS)
    for url in public_urls:
        sent = with_query(url, query)
        assert_handled(client.get(sent), sent)
