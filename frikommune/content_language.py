"""A template tag for every template (a builtin): mark Danish content on pages in another language.

The portal's own texts are translated, but what comes from the minutes and the editors (titles,
decisions, agenda text) is Danish only. On an English page `<h1{% lang_da %}>` renders
`<h1 lang="da">`, so a screen reader reads it as Danish (WCAG 3.1.2); on a Danish page, nothing.
"""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()

CONTENT_LANGUAGE = "da"


@register.simple_tag
def lang_da():
    if (get_language() or CONTENT_LANGUAGE).split("-")[0] == CONTENT_LANGUAGE:
        return ""
    return mark_safe(f' lang="{CONTENT_LANGUAGE}"')
