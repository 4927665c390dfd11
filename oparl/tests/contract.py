"""An OParl client in a few lines: checks each object against the schema's facts and walks the whole system."""

import datetime
from urllib.parse import urlsplit

from .schema import BOOLEAN, COMMON, DATE, DATETIME, INTEGER, REQUIRED, STRING, TYPES, URL

SCHEMA = "https://schema.oparl.org/1.1/"
OPARL = "http://testserver/api/oparl/"
DELETED_KEYS = {"id", "type", "created", "modified", "deleted"}


def type_name(obj):
    assert isinstance(obj, dict) and obj.get("type", "").startswith(SCHEMA), obj
    return obj["type"].removeprefix(SCHEMA)


def is_url(value):
    return isinstance(value, str) and urlsplit(value).scheme in ("http", "https") and bool(urlsplit(value).netloc)


def is_datetime(value):
    try:
        return isinstance(value, str) and datetime.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def is_date(value):
    try:
        return isinstance(value, str) and bool(datetime.date.fromisoformat(value))
    except ValueError:
        return False


SIMPLE = {
    URL: is_url,
    DATETIME: is_datetime,
    DATE: is_date,
    STRING: lambda value: isinstance(value, str),
    BOOLEAN: lambda value: isinstance(value, bool),
    INTEGER: lambda value: isinstance(value, int) and not isinstance(value, bool),
}


def problems(obj, expected=None, where="$"):
    """What is wrong with an object: a missing required property, a wrong type, a property we do not know."""
    name = type_name(obj)
    if expected is not None and name != expected:
        return [f"{where}: a {name} where a {expected} belongs"]
    if obj.get("deleted"):
        return (
            []
            if set(obj) == DELETED_KEYS and obj["deleted"] is True
            else [f"{where}: a deleted object with {set(obj)}"]
        )
    found = [f"{where}.{key}: required by {name}.json, missing" for key in REQUIRED[name] if key not in obj]
    known = {**COMMON, **TYPES[name]}
    for key, value in obj.items():
        if key not in known:
            found.append(f"{where}.{key}: not a property we mean to serve")
        else:
            found += problems_of_value(value, known[key], f"{where}.{key}")
    return found


def problems_of_value(value, kind, where):
    if isinstance(kind, tuple):
        if not isinstance(value, list):
            return [f"{where}: not an array"]
        return [
            problem
            for index, item in enumerate(value)
            for problem in problems_of_value(item, kind[1], f"{where}[{index}]")
        ]
    if kind in SIMPLE:
        return [] if SIMPLE[kind](value) else [f"{where}: {value!r} is not a {kind}"]
    if not isinstance(value, dict):
        return [f"{where}: not an object"]
    return problems(value, kind, where)


def references(obj):
    """Every URL in an object, embedded objects' too."""
    if isinstance(obj, dict):
        for key, value in obj.items():
            if key != "type":
                yield from references(value)
    elif isinstance(obj, list):
        for value in obj:
            yield from references(value)
    elif is_url(obj):
        yield obj


def embedded(obj):
    """The objects an object embeds (a meeting's agenda items, a paper's consultations …)."""
    for key, value in obj.items():
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, dict):
                yield key, item
                yield from embedded(item)


class Walker:
    """Starts at the System object and follows every list and every reference."""

    def __init__(self, client, elements_per_page=None):
        self.client = client
        self.elements_per_page = elements_per_page
        self.objects = {}  # id -> the object as its own address serves it
        self.lists = {}  # list URL -> the objects walked through its pages
        self.responses = {}  # every URL fetched -> its body as text
        self.problems = []

    def get(self, url):
        response = self.client.get(url.removeprefix("http://testserver"))
        if response.streaming:  # a file's download
            self.responses[url] = b"".join(response.streaming_content).decode(errors="replace")
        else:
            self.responses[url] = response.content.decode(errors="replace")
        assert response.status_code == 200, (url, response.status_code, response.content[:300])
        return response

    def json(self, url):
        response = self.get(url)
        assert response["Content-Type"] == "application/json", url
        return response.json()

    def walk_list(self, url):
        if url in self.lists:
            return self.lists[url]
        first = url + (f"?elementsPerPage={self.elements_per_page}" if self.elements_per_page else "")
        page, items, pages = self.json(first), [], 0
        total = page["pagination"]["totalElements"]
        while True:
            pages += 1
            assert set(page) >= {"data", "pagination", "links"}, url
            assert page["pagination"]["currentPage"] == pages, url
            assert len(page["data"]) <= page["pagination"]["elementsPerPage"], url
            items += page["data"]
            if "next" not in page["links"]:
                break
            assert pages < 10_000, url
            page = self.json(page["links"]["next"])
        assert page["pagination"]["totalPages"] == pages, url
        assert len(items) == total, (url, len(items), total)
        assert len({item["id"] for item in items}) == total, f"{url}: an object twice"
        self.lists[url] = items
        for item in items:
            self.visit(item, f"{url} item")
        return items

    def fetch(self, url):
        if url not in self.objects:
            self.objects[url] = self.json(url)
            self.visit(self.objects[url], url)
        return self.objects[url]

    def visit(self, obj, where):
        self.problems += problems(obj, where=where)
        fetched = self.fetch(obj["id"])
        if fetched is not obj and fetched != obj:
            # In a list an object is the same as at its address; embedded it may leave out its back reference.
            self.problems.append(f"{where}: {obj['id']} differs from its own address")
        for _, inner in embedded(obj):
            if inner.get("id"):
                own = self.fetch(inner["id"])
                differing = [key for key, value in inner.items() if own.get(key) != value]
                if differing:
                    self.problems.append(f"{where}: embedded {inner['id']} differs in {differing}")
        for url in references(obj):
            self.follow(url)

    def follow(self, url):
        if url in self.objects or url in self.lists or url in self.responses:
            return
        if not url.startswith("http://testserver/"):
            return  # oparlVersion: the specification's own address
        if not url.startswith(OPARL):
            self.get(url)  # a page of the site, or a file's download
            return
        page = self.json(url)
        if "data" in page and "pagination" in page:
            self.walk_list(url)
        else:
            self.objects[url] = page
            self.visit(page, url)

    def walk(self):
        system = self.fetch(OPARL)
        assert type_name(system) == "System"
        bodies = self.walk_list(system["body"])
        for body in bodies:
            for key in ("organization", "person", "meeting", "paper", "agendaItem", "consultation", "file"):
                self.walk_list(body[key])
            for key in ("locationList", "legislativeTermList", "membership"):
                self.walk_list(body[key])
        return self

    def of_type(self, name):
        return [obj for obj in self.objects.values() if obj.get("type") == SCHEMA + name]
