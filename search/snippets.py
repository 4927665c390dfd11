"""Excerpts of a result's body with the matched words marked, as plain text for the template."""

import re

SNIPPET_CHARS = 240
# Markers around a matched word: control characters, so they cannot come from the content itself.
HIT_START, HIT_STOP = "\x02", "\x03"

MARKDOWN_MARKS = re.compile(r"\*+|^#+ ", re.MULTILINE)


def plain(text):
    """Snippets are plain text: the Markdown emphasis of the minutes is noise there."""
    return MARKDOWN_MARKS.sub("", text or "")


def split_marked(headline):
    """Turn text with HIT_START/HIT_STOP markers into [(text, is_match), …] for the template."""
    segments = []
    for piece in re.split(f"({HIT_START}.*?{HIT_STOP})", headline, flags=re.DOTALL):
        if not piece:
            continue
        if piece.startswith(HIT_START):
            segments.append((piece.strip(HIT_START + HIT_STOP), True))
        else:
            segments.append((piece, False))
    return segments


def excerpt(body, terms):
    """A plain excerpt of body around the first term, with the terms marked."""
    body = " ".join((body or "").split())
    if not body:
        return []
    lowered = body.lower()
    positions = [lowered.find(term.lower()) for term in terms if term and term.lower() in lowered]
    start = max(min(positions) - SNIPPET_CHARS // 3, 0) if positions else 0
    if start > 0:
        # Begin at a word, not in the middle of one.
        start = body.find(" ", start) + 1 or start
    window = body[start : start + SNIPPET_CHARS]
    if start > 0:
        window = "…" + window
    if start + SNIPPET_CHARS < len(body):
        window += "…"
    pattern = "|".join(re.escape(term) for term in terms if term)
    if pattern:
        window = re.sub(f"({pattern})", lambda m: f"{HIT_START}{m.group(0)}{HIT_STOP}", window, flags=re.IGNORECASE)
    return split_marked(window)
