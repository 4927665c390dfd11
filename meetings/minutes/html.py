"""The text of a minutes page saved from a browser, read with the standard library's HTML parser.

Block elements (headings, paragraphs, list items, table rows, <br>) start a new line; script,
style and the page's navigation chrome (<nav>, <header>, <footer>) are left out. The text then goes
through the same layouts as a text file.
"""

from __future__ import annotations

from html.parser import HTMLParser

from .types import MinutesParseError

_BLOCK = {
    "p", "div", "br", "li", "ul", "ol", "tr", "table", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6",
    "dt", "dd", "dl", "blockquote", "pre", "hr", "main", "td", "th",
}  # fmt: skip
_SKIP = {"script", "style", "nav", "header", "footer", "noscript", "template", "head"}
_VOID = {"br", "hr", "img", "meta", "link", "input"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.current: list[str] = []
        self.skipping = 0

    def _break(self) -> None:
        line = " ".join("".join(self.current).split())
        self.current = []
        if line or (self.lines and self.lines[-1]):
            self.lines.append(line)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP and tag not in _VOID:
            self.skipping += 1
        elif tag in _BLOCK:
            self._break()
            if tag == "li":
                self.current.append("• ")

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self._break()
            if tag in ("p", "ul", "ol", "table") or tag.startswith("h"):
                self.lines.append("")

    def handle_data(self, data):
        if not self.skipping:
            self.current.append(data)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].casefold()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def html_to_text(html: str) -> str:
    """Lines of the page's visible text, blank lines between blocks."""
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 — html.parser is lenient, but a message beats a server error
        raise MinutesParseError("HTML-filen kan ikke læses") from None
    parser._break()
    return "\n".join(parser.lines).strip() + "\n"
