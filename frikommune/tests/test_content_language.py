"""English pages mark what stays Danish (titles, decisions, minutes) with lang="da" (WCAG 3.1.2)."""

import re
from html.parser import HTMLParser

import pytest

from meetings.models import Committee
from trials.models import Municipality, Organisation, Programme

# Letters only Danish uses; English interface text never has them. Proper names may (Brønderslev).
DANISH_LETTERS = re.compile(r"\S*[æøåÆØÅ]\S*")
PUNCTUATION = ".,:;()“”\"'!?–-"
VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class UnmarkedDanish(HTMLParser):
    """Collects words with Danish letters in visible text that no lang="da" element encloses."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # (tag, is Danish) for each open element
        self.words = []

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        attributes = dict(attrs)
        inherited = self.stack[-1][1] if self.stack else False
        danish = attributes["lang"].startswith("da") if "lang" in attributes else inherited
        self.stack.append((tag, danish))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        if "script" in tags or "style" in tags or "head" in tags or "option" in tags:
            return
        if self.stack and self.stack[-1][1]:
            return
        self.words.extend(DANISH_LETTERS.findall(data))


def unmarked_danish(html, proper_names):
    parser = UnmarkedDanish()
    parser.feed(html)
    names = {part for name in proper_names for part in name.split()}
    return sorted(
        {word for word in parser.words if any(part.strip(PUNCTUATION) not in names for part in word.split("/"))}
    )


@pytest.fixture
def proper_names(minutes_data):
    """Names keep their letters in English: of municipalities, committees, programmes and organisations."""
    names = {"Dansk"}
    for model in (Municipality, Committee, Programme):
        names.update(model.objects.values_list("name", flat=True))
    for organisation in Organisation.objects.all():
        names.add(organisation.name)
        if organisation.abbreviation:
            names.add(organisation.abbreviation)
    return names


def test_english_pages_mark_danish_content(client, public_urls, proper_names):
    found = {}
    for url in public_urls:
        if "q=" in url:
            continue  # a search page repeats the reader's own words, in whatever language they wrote them
        english = "/en" + url
        response = client.get(english)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        words = unmarked_danish(response.content.decode(), proper_names)
        if words:
            found[english] = words
    assert not found, "\n".join(f"{url}: {words}" for url, words in sorted(found.items()))


def test_danish_pages_carry_no_lang_attribute_inside(client, minutes_data):
    page = client.get("/forsoeg/fleksibilitet-i-rehabiliteringsteams/").content.decode()
    main = page[page.index("<main") : page.index("</main>")]
    assert "lang_da" not in main
    assert ' lang="' not in main


def test_the_check_finds_unmarked_danish():
    assert unmarked_danish('<p>Trial: <span lang="da">Forsøg</span> and forsøg</p>', set()) == ["forsøg"]
