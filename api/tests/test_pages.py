"""The "Åbne data" page and the API's documentation page: linked, listed, served from our own origin."""

import re

from django.contrib.staticfiles import finders
from django.test import override_settings


def test_open_data_page_describes_the_api_the_csv_files_and_the_feeds(client, minutes_data):
    page = client.get("/aabne-data/").content.decode()
    for address in ("/api/v1/trials/", "/api/v1/schema/", "/forsoeg.csv", "/beslutninger.csv", "/feeds/beslutninger/"):
        assert address in page
    assert 'curl "http://testserver/api/v1/trials/?kommune=aalborg&amp;status=started"' in page
    assert (
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.da">Creative Commons Navngivelse 4.0 (CC BY 4.0)</a>'
        in page
    )
    assert "Kilde: Frikommuneportalen, efter kommunernes offentlige referater" in page


@override_settings(OPEN_DATA_LICENSE_NAME="Licens X", OPEN_DATA_LICENSE_URL="https://example.dk/licens")
def test_open_data_page_states_the_configured_licence(client, db):
    page = client.get("/aabne-data/").content.decode()
    assert '<a href="https://example.dk/licens">Licens X</a>' in page


def test_open_data_page_is_in_the_footer_and_the_sitemap(client, minutes_data):
    assert '<a href="/aabne-data/">Åbne data</a>' in client.get("/").content.decode()
    assert '<a href="/en/aabne-data/">' in client.get("/en/").content.decode()
    sitemap = client.get("/sitemap-pages.xml").content.decode()
    assert "<loc>http://testserver/aabne-data/</loc>" in sitemap
    assert "<loc>http://testserver/aabne-data/api/</loc>" in sitemap


def test_lists_link_their_csv_files_with_the_current_filters(client, minutes_data):
    page = client.get("/forsoeg/", {"runde": "2", "status": "started"}).content.decode()
    assert '<a href="/forsoeg.csv?runde=2&amp;status=started" download>' in page
    assert '<a href="/deltagelse.csv?runde=2&amp;status=started" download>' in page
    assert '<a href="/kommuner.csv" download>' in client.get("/kommuner/").content.decode()


def test_api_docs_load_swagger_ui_from_our_own_origin(client, minutes_data):
    response = client.get("/aabne-data/api/")
    page = response.content.decode()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in scripts
    assert all(src.startswith("/static/") for src in scripts)
    assert "<script>" not in page
    assert 'data-schema-url="/api/v1/schema/?format=json"' in page
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-eval" not in csp
    for path in ("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js", "js/api-docs.js"):
        assert finders.find(path), path
