"""Anonymous public pages set no cookie and do not vary by one, in Danish and under /en/.

A shared cache (the whole-page cache, a proxy, a CDN) can then keep one copy of each page per URL:
the URL alone decides the language, and nothing in a page belongs to one visitor.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, get_resolver, resolve, reverse
from django.utils.encoding import iri_to_uri

from trials.models import Trial

HREFLANG = re.compile(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]*)">')


def crawler_files():
    """The URL names outside the language prefix, besides the admin: the sitemap, robots.txt, the favicon."""
    return {entry.name for entry in get_resolver().url_patterns if isinstance(entry, URLPattern)}


def twins(url):
    """A public URL and its English twin, each with the language it must be served in.

    A crawler's file has no twin, and neither has the open data API (/api/): its field names are English.
    """
    if resolve(urlsplit(url).path).url_name in crawler_files() or url.startswith("/api/"):
        return [(url, "da")]
    return [(url, "da"), (f"/en{url}", "en")]


def header_problems(response, language):
    """What is wrong with an anonymous public response's headers: cookies, Vary, Content-Language."""
    problems = []
    if response.cookies or "Set-Cookie" in response.headers:
        problems.append(f"sets cookies {sorted(response.cookies)}")
    vary = response.headers.get("Vary", "").lower()
    if "cookie" in vary or "accept-language" in vary:
        problems.append(f"Vary: {vary}")
    if response.headers.get("Content-Language") != language:
        problems.append(f"Content-Language {response.headers.get('Content-Language')}")
    return problems


def alternates_problems(response, url):
    """What is missing from an HTML page's hreflang links: da, en and x-default, absolute, for this page."""
    if not response["Content-Type"].startswith("text/html"):
        return []
    danish = iri_to_uri(url.removeprefix("/en") if url.startswith("/en/") else url)
    expected = {
        "da": f"http://testserver{danish}",
        "en": f"http://testserver/en{danish}",
        "x-default": f"http://testserver{danish}",
    }
    found = {language: href.replace("&amp;", "&") for language, href in HREFLANG.findall(response.content.decode())}
    return [] if found == expected else [f"hreflang {found}"]


def test_every_public_page_and_its_english_twin_sets_no_cookie(public_urls):
    client = Client()
    problems = {}
    for public_url in public_urls:
        for url, language in twins(public_url):
            response = client.get(url)
            found = [f"status {response.status_code}"] if response.status_code != 200 else []
            found += header_problems(response, language) + alternates_problems(response, public_url)
            if found:
                problems[url] = found
    assert problems == {}
    assert not client.cookies


def test_the_walk_covers_every_kind_of_public_page(public_urls):
    """Feeds, calendars, search and the register's pages are all among the walked URLs, most with a twin."""
    for expected in ("/", "/soeg/?q=forsøg", "/feeds/nyheder/", "/feeds/beslutninger/", "/moeder/kalender.ics"):
        assert expected in public_urls
    assert any(url.endswith("/kalender.ics") and url != "/moeder/kalender.ics" for url in public_urls)
    assert crawler_files() == {"sitemap", "sitemap_section", "robots_txt", "favicon"}
    english = [twin for url in public_urls for twin, language in twins(url) if language == "en"]
    assert len(english) > 100


@pytest.mark.parametrize(
    ("url", "status", "language"),
    [
        ("/findes-ikke/", 404, "da"),
        ("/en/findes-ikke/", 404, "en"),
        ("/soeg/?q=" + "x" * 500, 200, "da"),
        ("/en/soeg/?side=abc&q=forsøg", 200, "en"),
        ("/sitemap.xml", 200, "da"),
        ("/sitemap-trials.xml", 200, "da"),
        ("/robots.txt", 200, "da"),
        ("/en", 301, "en"),
    ],
)
def test_errors_redirects_and_crawler_files_set_no_cookie_either(minutes_data, client, url, status, language):
    response = client.get(url)
    assert response.status_code == status
    assert header_problems(response, language) == []


def test_the_sitemap_lists_the_danish_pages(minutes_data, client):
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/forsoeg/</loc>" in sitemap
    assert "/en/" not in sitemap


def test_public_pages_carry_no_csrf_token_or_post_form(minutes_data, client):
    """The one POST form on public pages is the e-mail alerts' subscribe form, without a token.

    Its endpoint is csrf_exempt on purpose (double opt-in: a forged POST only sends a throttled
    confirmation mail; alerts/views.py), so the pages stay cacheable and cookie-free.
    """
    trial = "/forsoeg/" + Trial.objects.public().first().slug + "/"
    for url in ("/", "/en/", "/soeg/?q=forsøg", "/forsoeg/", trial, "/en" + trial):
        html = client.get(url).content.decode()
        assert "csrfmiddlewaretoken" not in html
        post_forms = re.findall(r'<form[^>]*method="post"[^>]*action="([^"]*)"', html, re.IGNORECASE)
        expected = ["/en/foelg/" if url.startswith("/en/") else "/foelg/"] if "q=" in url or url.endswith(trial) else []
        assert post_forms == expected, url
        assert len(re.findall(r"<form[^>]*method=\"post\"", html, re.IGNORECASE)) == len(expected), url


def test_search_is_a_get_form(minutes_data, client):
    html = client.get("/en/soeg/").content.decode()
    assert '<form method="get" action="/en/soeg/"' in html


@pytest.mark.django_db
def test_admin_login_page_works_and_is_danish_by_default(client):
    response = client.get(reverse("admin:login"))
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "da"
    html = response.content.decode()
    assert '<html lang="da"' in html
    assert "Log ind" in html
    assert "csrfmiddlewaretoken" in html
    assert django_settings.CSRF_COOKIE_NAME in response.cookies


@pytest.mark.django_db
def test_admin_keeps_its_csrf_protection(admin_user):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "someone", "password": "x"})
    assert response.status_code == 403
    assert "CSRF-verifikationen mislykkedes" in response.content.decode()
    client.force_login(admin_user)
    response = client.post(reverse("admin:news_newsitem_add"), {"title": "Uden token"})
    assert response.status_code == 403
    assert "CSRF-verifikationen mislykkedes" in response.content.decode()
