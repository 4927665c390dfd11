"""The search page's URL."""

from django.urls import resolve, reverse


def test_search_url_round_trips():
    assert reverse("search:search") == "/soeg/"
    assert resolve("/soeg/").view_name == "search:search"
