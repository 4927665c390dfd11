"""reverse() for the URLs of objects, which list pages write by the hundred.

Django's reverse() matches the whole URL pattern against each result, 70–100 µs a call here: a trial
list or a municipality's page links 100–150 objects. ``object_url`` reverses a URL name once per
language and script prefix with stand-in values, and then only fills in each object's values.
"""

import datetime

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, reverse
from django.utils.translation import get_language

# A stand-in for each type of value the fast path takes: it passes the same converter as the real
# value (slug or str, int, iso_date) and cannot otherwise be part of the URL.
STAND_INS = {str: "xx{key}xx", int: 987654321, datetime.date: datetime.date(1001, 1, 1)}

# Text every converter writes unchanged and reverse() would not quote.
PLAIN = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")

# {(name, language, script prefix, ((key, type), ...)): "/forsoeg/{slug}/"}: a few dozen entries.
_formats = {}


@receiver(setting_changed)
def _forget_formats(setting, **kwargs):
    # Tests that swap the URLconf; a running site never changes it.
    if setting == "ROOT_URLCONF":
        _formats.clear()


def _text(value):
    """The value as its URL writes it, or None if the fast path does not take it."""
    kind = type(value)
    if kind is str:
        text = value
    elif kind is int:
        text = str(value) if value >= 0 else ""
    elif kind is datetime.date:
        text = value.isoformat()
    else:
        return None
    return text if text and PLAIN.issuperset(text) else None


def url_format(name, **kinds):
    """The URL of ``name`` as a str.format string, e.g. url_format("trials:trial_detail", slug=str) is
    "/forsoeg/{slug}/", for values of those types (str, int, datetime.date) written as their URL writes
    them: a slug, a number, an ISO date. A list of thousands of URLs reverses once and formats each."""
    stand_ins = {
        key: STAND_INS[kind].format(key=key) if kind is str else STAND_INS[kind] for key, kind in kinds.items()
    }
    url = reverse(name, kwargs=stand_ins)
    for key, stand_in in stand_ins.items():
        text = stand_in.isoformat() if isinstance(stand_in, datetime.date) else str(stand_in)
        if url.count(text) != 1:
            raise ValueError(f"{name}: the stand-in for {key} is not in the URL exactly once: {url}")
        url = url.replace(text, "{" + key + "}")
    return url


def object_url(name, **kwargs):
    """``reverse(name, kwargs=kwargs)``, the same string, for a URL whose values are slugs, numbers and dates.

    A value that a converter might reject or that reverse() would quote goes through reverse() itself,
    as does a value of another type (a number as text, say).
    """
    texts = {}
    for key, value in kwargs.items():
        text = _text(value)
        if text is None:
            return reverse(name, kwargs=kwargs)
        texts[key] = text
    cache_key = (name, get_language(), get_script_prefix(), tuple((key, type(value)) for key, value in kwargs.items()))
    template = _formats.get(cache_key)
    if template is None:
        try:
            template = _formats[cache_key] = url_format(name, **dict(cache_key[3]))
        except (NoReverseMatch, ValueError):
            return reverse(name, kwargs=kwargs)
    return template.format(**texts)
