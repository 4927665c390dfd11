"""The site's languages live in the URL: Danish unprefixed, every other language under its code (/en/).

The public URLs are the same in every language apart from that prefix (frikommune/urls.py puts them
in i18n_patterns with prefix_default_language=False), so a page's twin in another language is found
by changing the prefix alone, with no resolving or reversing.
"""

from django.conf import settings


def prefixed_languages():
    """The languages that have a URL prefix: every language but the default (Danish)."""
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def language_from_path(path_info):
    """The language a path names by its first segment ("/en/forsoeg/" → "en"), else Danish.

    Only an exact language code counts: "/en-gb/" or "/da/" name no language and stay Danish
    (and are 404s there).
    """
    first = path_info.split("/", 2)[1] if path_info.startswith("/") else ""
    return first if first in prefixed_languages() else settings.LANGUAGE_CODE


def path_in_language(path_info, language):
    """The same path in another language: "/en/forsoeg/" ↔ "/forsoeg/"."""
    current = language_from_path(path_info)
    if current != settings.LANGUAGE_CODE:
        path_info = path_info[len(current) + 1 :] or "/"
    if language == settings.LANGUAGE_CODE:
        return path_info
    return f"/{language}{path_info}"
