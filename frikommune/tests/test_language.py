"""The language is in the URL: Danish without a prefix, English under /en/; no cookie or browser setting counts."""

import ast
import gettext
import re

import pytest
from django.conf import settings as django_settings
from django.template.loader import get_template
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from frikommune.languages import language_from_path, path_in_language

pytestmark = pytest.mark.django_db

CATALOGUE = django_settings.LOCALE_PATHS[0] / "en" / "LC_MESSAGES"

TRIAL = "/forsoeg/fleksibilitet-i-rehabiliteringsteams/"
MEETING = "/moeder/beskaeftigelsesudvalget/2018-01-23/"

# Interface text that each page shows, in English and in Danish. Data from the minutes (titles,
# decisions) stays Danish in both, so only labels, headings and formatted dates are compared.
PAGES = {
    "home": (
        "/",
        [
            "<span>Trials</span>",
            "Skip to main content",
            "Key figures",
            "Latest decisions",
            "up to and including 31 July 2020.",
        ],
        [
            "<span>Forsøg</span>",
            "Gå til sidens indhold",
            "Nøgletal",
            "Seneste beslutninger",
            "til og med 31. juli 2020.",
        ],
    ),
    "trial list": (
        "/forsoeg/",
        ["<h1>Trials</h1>", "Showing 19 of 19 trials.", "Sort by", ">Started<"],
        ["<h1>Forsøg</h1>", "Viser 19 af 19 forsøg.", "Sortér efter", ">Opstartet<"],
    ),
    "trial page": (
        TRIAL,
        ['<h2 id="undtagelser">Exemptions</h2>', "4 exemptions sought, 2 granted fully or partly.", "Applied for by"],
        ['<h2 id="undtagelser">Undtagelser</h2>', "Der er søgt om 4 undtagelser", "Ansøgt af"],
    ),
    "meeting page": (
        MEETING,
        [
            "<dt>Present</dt>",
            "<dt>Apologies</dt>",
            "<h3>Case description</h3>",
            "<h3>Decision</h3>",
            "Closed</span>",
            "Tuesday 23 January 2018, at 08:30–11:30",
        ],
        [
            "<dt>Til stede</dt>",
            "<dt>Afbud</dt>",
            "<h3>Sagsbeskrivelse</h3>",
            "<h3>Beslutning</h3>",
            "Lukket</span>",
            "tirsdag 23. januar 2018, kl. 08.30–11.30",
        ],
    ),
    "404 page": (
        "/findes-ikke/",
        ["Page not found", "Go to the home page"],
        ["Siden findes ikke", "Gå til forsiden"],
    ),
}


def english(url):
    return f"/en{url}"


def test_english_browser_still_gets_danish(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.headers["Content-Language"] == "da"
    assert b'<html lang="da"' in response.content
    # Not on the language: the page cache's gzip copy makes it vary on Accept-Encoding alone.
    assert response.headers.get("Vary", "Accept-Encoding") == "Accept-Encoding"


def test_english_lives_under_en(client):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "en"
    assert b'<html lang="en"' in response.content


def test_a_language_cookie_from_the_old_switch_is_ignored(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client.get("/").headers["Content-Language"] == "da"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "da"
    assert client.get("/en/").headers["Content-Language"] == "en"


def test_the_old_post_switch_is_gone_and_sets_nothing(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 404
    assert not response.cookies
    assert client.get("/").headers["Content-Language"] == "da"


@pytest.mark.parametrize(
    ("path", "language"),
    [
        ("/", "da"),
        ("/forsoeg/", "da"),
        ("/en/", "en"),
        ("/en", "en"),
        ("/en/forsoeg/", "en"),
        ("/english/", "da"),
        ("/en-gb/forsoeg/", "da"),
        ("/da/forsoeg/", "da"),
        ("", "da"),
    ],
)
def test_language_comes_from_the_first_path_segment_only(path, language):
    assert language_from_path(path) == language


@pytest.mark.parametrize(
    ("path", "danish", "in_english"),
    [
        ("/", "/", "/en/"),
        ("/forsoeg/a/", "/forsoeg/a/", "/en/forsoeg/a/"),
        ("/en/forsoeg/a/", "/forsoeg/a/", "/en/forsoeg/a/"),
        ("/en/", "/", "/en/"),
        ("/en", "/", "/en/"),
    ],
)
def test_a_path_in_the_other_language_changes_only_the_prefix(path, danish, in_english):
    assert path_in_language(path, "da") == danish
    assert path_in_language(path, "en") == in_english


@pytest.mark.parametrize("url", ["/da/", "/da/forsoeg/", "/en-gb/forsoeg/", "/en/en/forsoeg/"])
def test_there_is_one_address_per_page_and_language(client, url):
    assert client.get(url).status_code == 404


@override_settings(DEBUG=False)
@pytest.mark.parametrize("page", PAGES)
def test_page_interface_is_english_under_en(client, minutes_data, page):
    url, english_texts, danish_texts = PAGES[page]
    html = client.get(english(url)).content.decode()
    assert '<html lang="en"' in html
    for text in english_texts:
        assert text in html
    for text in danish_texts:
        assert text not in html


@override_settings(DEBUG=False)
@pytest.mark.parametrize("page", PAGES)
def test_page_interface_is_danish_without_a_prefix(client, minutes_data, page):
    url, english_texts, danish_texts = PAGES[page]
    html = client.get(url).content.decode()
    assert '<html lang="da"' in html
    for text in danish_texts:
        assert text in html
    for text in english_texts:
        assert text not in html


@override_settings(DEBUG=False)
def test_404_under_en_is_english(client):
    response = client.get("/en/findes-ikke/")
    assert response.status_code == 404
    assert response.headers["Content-Language"] == "en"
    assert "Page not found" in response.content.decode()


def test_news_feed_title_follows_the_language_of_its_url(client):
    assert b"<title>Frikommuneportalen: news</title>" in client.get("/en/feeds/nyheder/").content
    danish = Client().get("/feeds/nyheder/").content
    assert b"<title>Frikommuneportalen: nyheder</title>" in danish


def test_links_on_an_english_page_stay_english(client, minutes_data):
    html = client.get("/en/forsoeg/").content.decode()
    assert 'href="/en/forsoeg/fleksibilitet-i-rehabiliteringsteams/"' in html
    assert 'href="/en/om/"' in html
    assert 'href="/forsoeg/fleksibilitet-i-rehabiliteringsteams/"' not in html


def switch_links(html):
    """The language switch's links, as {language: href} (the page shows the switch twice)."""
    links = re.findall(r'<a href="([^"]*)" hreflang="(\w+)" lang="\w+" class="language-link">', html)
    return {language: href.replace("&amp;", "&") for href, language in links}


def test_the_switch_is_a_plain_link_to_the_same_page_in_the_other_language(client, minutes_data):
    danish = client.get(TRIAL).content.decode()
    assert switch_links(danish) == {"en": english(TRIAL)}
    # The switch is no form; the page's only form is the e-mail alerts' subscribe form.
    assert re.findall(r'<form[^>]*action="([^"]*)"', danish) == ["/foelg/"]
    english_page = client.get(english(TRIAL)).content.decode()
    assert switch_links(english_page) == {"da": TRIAL}
    assert 'class="language-current" aria-current="true">English</span>' in english_page


def test_the_english_link_keeps_the_query_string(client, minutes_data):
    url = "/forsoeg/?runde=2&kommune=thisted&sortering=titel"
    danish = client.get(url)
    link = switch_links(danish.content.decode())["en"]
    assert link == english(url)
    response = client.get(link)
    assert response.headers["Content-Language"] == "en"
    assert set(response.context["filters"]) == {"runde", "kommune", "sortering"}
    assert response.context["filters"] == danish.context["filters"]


def test_the_english_link_keeps_a_search_with_danish_letters(client, minutes_data):
    link = switch_links(client.get("/soeg/?q=forsøg").content.decode())["en"]
    assert link == "/en/soeg/?q=fors%C3%B8g"
    html = client.get(link).content.decode()
    assert "results for “forsøg”" in html


def test_admin_is_danish_whatever_the_browser_or_an_old_cookie_asks(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert response.headers["Content-Language"] == "da"
    assert "Log ind" in response.content.decode()


def test_admin_and_crawler_files_have_no_english_twin(client, settings):
    for url in (f"/en/{settings.ADMIN_URL}", "/en/sitemap.xml", "/en/robots.txt"):
        assert client.get(url).status_code == 404, url


def test_500_page_follows_the_active_language():
    with translation.override("en"):
        html = get_template("500.html").render()
    assert '<html lang="en">' in html
    assert "An error occurred" in html
    assert "Der opstod en fejl" not in html


def _po_string(lines):
    """Join a PO string and its continuation lines into one Python string."""
    return "".join(ast.literal_eval(line) for line in lines)


def read_po(path):
    """The entries of a PO file as dicts (msgctxt, msgid, msgid_plural, msgstr, fuzzy).

    Just enough of the format for our own catalogue: obsolete (#~) entries are skipped, and
    msgstr holds a list, one string per plural form.
    """
    entries, entry, key = [], None, None
    for raw in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = raw.strip()
        if not line:
            if entry is not None:
                entries.append(entry)
            entry, key = None, None
            continue
        if line.startswith("#~"):
            continue
        entry = entry or {"fuzzy": False, "parts": {}}
        if line.startswith("#,"):
            entry["fuzzy"] = "fuzzy" in line
            continue
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
        if match:
            key = match.group(1)
            entry["parts"][key] = [match.group(2)]
        else:
            entry["parts"][key].append(line)
    result = []
    for entry in entries:
        parts = {name: _po_string(lines) for name, lines in entry["parts"].items()}
        if "msgid" not in parts:
            continue
        plural_keys = sorted(name for name in parts if name.startswith("msgstr["))
        result.append(
            {
                "msgctxt": parts.get("msgctxt"),
                "msgid": parts["msgid"],
                "msgid_plural": parts.get("msgid_plural"),
                "msgstr": [parts[name] for name in plural_keys] or [parts.get("msgstr", "")],
                "fuzzy": entry["fuzzy"],
            }
        )
    return result


@pytest.fixture(scope="module")
def po_entries():
    return [entry for entry in read_po(CATALOGUE / "django.po") if entry["msgid"]]


def test_english_catalogue_has_a_translation_for_every_message(po_entries):
    assert len(po_entries) > 400
    untranslated = [
        entry["msgid"] for entry in po_entries if entry["fuzzy"] or not all(text.strip() for text in entry["msgstr"])
    ]
    assert untranslated == []


def test_english_translations_keep_their_placeholders(po_entries):
    placeholder = re.compile(r"%\(\w+\)[sd]")
    for entry in po_entries:
        sources = [entry["msgid"], entry["msgid_plural"] or entry["msgid"]]
        for source, text in zip(sources, entry["msgstr"], strict=False):
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(source)), text


def test_compiled_catalogue_matches_the_po_file(po_entries):
    """CI has no gettext to compile the .po, so the committed .mo must be compiled from it."""
    with open(CATALOGUE / "django.mo", "rb") as mo_file:
        compiled = gettext.GNUTranslations(mo_file)
    assert compiled.gettext("Forsøg") == "Trials"
    assert compiled.ngettext("%(counter)s kommune", "%(counter)s kommuner", 2) == ("%(counter)s municipalities")
    for entry in po_entries:
        if entry["msgid_plural"]:
            for n, text in zip((1, 2), entry["msgstr"], strict=True):
                assert compiled.ngettext(entry["msgid"], entry["msgid_plural"], n) == text
        elif entry["msgctxt"]:
            assert compiled.pgettext(entry["msgctxt"], entry["msgid"]) == entry["msgstr"][0]
        else:
            assert compiled.gettext(entry["msgid"]) == entry["msgstr"][0]
