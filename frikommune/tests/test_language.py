"""The public pages are Danish unless the visitor picks English with the language switch."""

import ast
import gettext
import re

import pytest
from django.conf import settings as django_settings
from django.template.loader import get_template
from django.test import Client, override_settings
from django.utils import translation

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
        ["<h2>Exemptions</h2>", "4 exemptions sought, 2 granted fully or partly.", "Applied for by"],
        ["<h2>Undtagelser</h2>", "Der er søgt om 4 undtagelser", "Ansøgt af"],
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


@pytest.fixture
def english_client(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def test_english_browser_still_gets_danish(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert response.headers["Content-Language"] == "da"
    assert b'<html lang="da"' in response.content


def test_language_switch_chooses_english(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    response = client.get("/")
    assert response.headers["Content-Language"] == "en"
    assert b'<html lang="en"' in response.content


def test_unknown_language_cookie_falls_back_to_danish(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/").headers["Content-Language"] == "da"


@override_settings(DEBUG=False)
@pytest.mark.parametrize("page", PAGES)
def test_page_interface_is_english_after_choosing_english(english_client, minutes_data, page):
    url, english, danish = PAGES[page]
    html = english_client.get(url).content.decode()
    assert '<html lang="en"' in html
    for text in english:
        assert text in html
    for text in danish:
        assert text not in html


@override_settings(DEBUG=False)
@pytest.mark.parametrize("page", PAGES)
def test_page_interface_stays_danish_without_a_choice(client, minutes_data, page):
    url, english, danish = PAGES[page]
    html = client.get(url).content.decode()
    assert '<html lang="da"' in html
    for text in danish:
        assert text in html
    for text in english:
        assert text not in html


def test_news_feed_title_follows_the_chosen_language(english_client):
    assert b"<title>Frikommuneportalen: news</title>" in english_client.get("/feeds/nyheder/").content
    danish = Client().get("/feeds/nyheder/").content
    assert b"<title>Frikommuneportalen: nyheder</title>" in danish


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
