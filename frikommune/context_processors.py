"""What base.html needs on every page: the page's address in each language."""

from urllib.parse import quote

from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.translation import get_language_info

from .languages import path_in_language


def query_string(request):
    """The request's query string as sent, percent-encoding only what may not stand in a URL.

    The server hands it over as text decoded from latin-1 (WSGI and ASGI alike); encoding it back
    gives the bytes the browser sent, so a raw "æ" keeps its UTF-8 bytes instead of being encoded twice.
    """
    query = request.META.get("QUERY_STRING", "")
    try:
        raw = query.encode("iso-8859-1")
    except UnicodeEncodeError:
        raw = query.encode()
    return quote(raw, safe="/%[]=:;$&()+,!?*@'~")


class LanguageVersion:
    """The current page in one language: its path (with the query string) and its absolute URL."""

    def __init__(self, request, code, query):
        self.request = request
        self.code = code
        self.name_local = get_language_info(code)["name_local"]
        self.is_current = code == request.LANGUAGE_CODE
        script_prefix = request.path.removesuffix(request.path_info)
        path = escape_uri_path(script_prefix + path_in_language(request.path_info, code))
        self.path = f"{path}?{query}" if query else path

    @property
    def url(self):
        return self.request.build_absolute_uri(self.path)


def language_versions(request):
    """`language_versions`: the page in every language, in the order of LANGUAGES (the switch, the hreflang links).

    `default_language_version` is the Danish one, the x-default: a visitor whose language is not
    offered gets Danish, as everyone does without /en/.
    """
    if not hasattr(request, "LANGUAGE_CODE"):
        return {}
    query = query_string(request)
    versions = [LanguageVersion(request, code, query) for code, _name in settings.LANGUAGES]
    default = next(version for version in versions if version.code == settings.LANGUAGE_CODE)
    return {"language_versions": versions, "default_language_version": default}
