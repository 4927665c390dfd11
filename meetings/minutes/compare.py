"""Word-level comparison of two parsed texts of the same minutes (e.g. the Markdown export and the PDF)."""

from __future__ import annotations

import difflib

from .types import Minutes

_COMPARED_FIELDS = (
    ("title", "titel"),
    ("case_number", "sagsnummer"),
    ("proposal", "indstilling"),
    ("text", "tekst"),
    ("decision", "beslutning"),
    ("case_description", "sagsbeskrivelse"),
)


def _words(text: str) -> list[str]:
    # Markdown markers are ignored so a Markdown export and a PDF text compare equal.
    words = (token.replace("*", "").lstrip("#") for token in text.split())
    return [w for w in words if w]


def _word_diff(a: str, b: str, where: str) -> list[str]:
    wa, wb = _words(a), _words(b)
    if wa == wb:
        return []
    if not wa or not wb:
        return [f"{where}: tom i {'første' if not wa else 'anden'} tekst"]
    out = []
    matcher = difflib.SequenceMatcher(None, wa, wb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = " ".join(wa[i1:i2]) or "–", " ".join(wb[j1:j2]) or "–"
        context = " ".join(wa[max(0, i1 - 3) : i1])
        out.append(f"{where}: '{old}' ≠ '{new}'" + (f" (efter '{context}')" if context else ""))
    return out


def compare_texts(a: Minutes, b: Minutes) -> list[str]:
    """Word-level differences between items with the same number in two parsed texts."""
    others = {item.number: item for item in b.items}
    out: list[str] = []
    for item in a.items:
        other = others.get(item.number)
        if other is None:
            continue
        for attr, label in _COMPARED_FIELDS:
            out += _word_diff(getattr(item, attr), getattr(other, attr), f"Punkt {item.number}, {label}")
        if item.attachments != other.attachments:
            out.append(f"Punkt {item.number}, bilag: {item.attachments} ≠ {other.attachments}")
    return out
