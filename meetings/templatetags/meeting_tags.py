"""Presentation filters for meeting pages: Markdown case descriptions rendered as clean HTML."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import mark_safe

register = template.Library()

# The tags a case description from the minutes uses; anything else is stripped.
ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "h2", "h3", "h4", "h5", "h6",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "code", "pre",
}  # fmt: skip


@register.filter
def markdown(text):
    """Markdown to sanitised HTML; the result is safe because nh3 removed everything else."""
    if not text:
        return ""
    html = markdown_lib.markdown(text, extensions=["sane_lists"])
    return mark_safe(nh3.clean(html, tags=ALLOWED_TAGS, attributes={"a": {"href", "title"}}))
