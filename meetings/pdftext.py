"""Reading a PDF's text within bounds: pages, characters and seconds, in a child process.

Plain Python, no Django: `meetings.files` (uploads) and `meetings.minutes` (the minutes import)
both call `extract_text` and pass the bounds they are configured with.

pypdf can spend a long time on a small file (50 pages that share one large content stream take
seconds per page and yield megabytes of text), so the work runs in a separate Python process
(`python -m meetings.pdftext`) that stops at the page and character bounds itself and is killed
when it runs out of time. The text of the pages read until then is kept, so a caller can decide
whether partial text is useful (an attachment's search text) or not (minutes to import).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

__all__ = ["PdfBounds", "PdfText", "PdfUnreadable", "extract_text", "has_active_content"]

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Why extraction stopped before the end of the file.
PAGES, CHARS, TIME, CRASHED = "pages", "chars", "time", "crashed"

# The names that make a PDF run something: script, or an action when the file is opened.
ACTIVE_NAMES = ("JavaScript", "OpenAction")

# Objects visited when looking for those names inside the parsed file (compressed object streams).
MAX_OBJECTS_WALKED = 100_000


class PdfUnreadable(ValueError):
    """The file cannot be opened as a PDF at all."""


@dataclass(frozen=True)
class PdfBounds:
    max_pages: int = 500
    max_chars: int = 2_000_000
    seconds: float = 10.0


@dataclass(frozen=True)
class PdfText:
    """The text of the pages read, and whether (and why) reading stopped early."""

    pages: tuple[str, ...] = ()
    page_count: int | None = None  # pages in the file; None when the time ran out before it was known
    stopped_by: str = ""  # PAGES, CHARS, TIME or CRASHED; "" when every page was read
    unreadable_pages: tuple[int, ...] = ()  # 1-based numbers of pages pypdf failed on
    is_encrypted: bool = False  # encrypted with a password: no text is read
    has_active_content: bool = False
    bounds: PdfBounds = PdfBounds()

    @property
    def is_complete(self) -> bool:
        return not self.stopped_by and not self.unreadable_pages and not self.is_encrypted

    def describe_stop(self) -> str:
        """Why the text is incomplete, in Danish; "" when it is complete."""
        if self.stopped_by == PAGES:
            return f"filen har {self.page_count} sider, og der læses højst {self.bounds.max_pages}"
        if self.stopped_by == CHARS:
            return f"teksten er længere end {self.bounds.max_chars} tegn"
        if self.stopped_by == TIME:
            return f"det tog over {self.bounds.seconds:g} sekunder at læse den"
        if self.stopped_by == CRASHED:
            return "læsningen stoppede uventet"
        if self.unreadable_pages:
            return "side " + ", ".join(str(n) for n in self.unreadable_pages) + " kunne ikke læses"
        if self.is_encrypted:
            return "filen er krypteret"
        return ""


def _active_name_pattern() -> re.Pattern[bytes]:
    # A name may spell any character as #xx (/J#61vaScript), so each one matches either way.
    parts = []
    for name in ACTIVE_NAMES:
        chars = "".join(f"(?:{re.escape(c)}|#{ord(c):02x})" for c in name)
        parts.append(chars)
    return re.compile(rb"/(?:" + "|".join(parts).encode() + rb")(?![A-Za-z0-9])", re.IGNORECASE)


# IGNORECASE makes the #xx hex digits match in either case; the letters of a PDF name are case
# sensitive, but flagging /javascript as well costs an editor a glance, not a file.
_ACTIVE_NAME = _active_name_pattern()


def has_active_content(data: bytes) -> bool:
    """Whether the file's bytes name /JavaScript or /OpenAction outside compressed streams."""
    return _ACTIVE_NAME.search(data) is not None


def extract_text(data: bytes, bounds: PdfBounds) -> PdfText:
    """The text of a PDF's pages, read in a child process within `bounds`.

    Raises PdfUnreadable when the file cannot be opened as a PDF. A bound that is hit is not an
    error: the result says which (`stopped_by`) and holds the pages read until then.
    """
    command = [
        sys.executable,
        "-m",
        "meetings.pdftext",
        str(bounds.max_pages),
        str(bounds.max_chars),
    ]
    timed_out = False
    try:
        completed = subprocess.run(
            command, input=data, capture_output=True, timeout=bounds.seconds, cwd=PROJECT_ROOT, check=False
        )
        output = completed.stdout
    except subprocess.TimeoutExpired as expired:
        # run() has killed the child; on POSIX the output read so far is kept on the exception.
        timed_out = True
        output = expired.stdout or b""
    return _result(output, timed_out=timed_out, bounds=bounds, raw_active=has_active_content(data))


def _result(output: bytes, *, timed_out: bool, bounds: PdfBounds, raw_active: bool) -> PdfText:
    header, pages, end = None, [], None
    for line in output.split(b"\n"):
        try:
            record = json.loads(line)
        except ValueError:
            continue  # the line the child was writing when it was killed, or a blank one
        if not isinstance(record, dict):
            continue
        if "error" in record:
            raise PdfUnreadable(record["error"])
        if "page_count" in record:
            header = record
        elif "text" in record:
            pages.append(record)
        elif "stopped_by" in record:
            end = record
    if header is None and not timed_out:
        raise PdfUnreadable("the extraction process ended without reading the file")
    # With no end record the child was killed for time, or died mid-way (out of memory, a crash).
    stopped_by = end["stopped_by"] if end is not None else (TIME if timed_out else CRASHED)
    return PdfText(
        pages=tuple(page["text"] for page in pages),
        page_count=header["page_count"] if header else None,
        stopped_by=stopped_by,
        unreadable_pages=tuple(page["number"] for page in pages if page.get("failed")),
        is_encrypted=bool(header and header.get("encrypted")),
        has_active_content=raw_active or bool(header and header.get("active")),
        bounds=bounds,
    )


# --- the child process ------------------------------------------------------------------------


def _walk_for_active_names(reader) -> bool:
    """Whether any dictionary reachable from the trailer names /JavaScript or /OpenAction."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    names = {"/" + name for name in ACTIVE_NAMES}
    seen: set[tuple[int, int]] = set()
    stack = [reader.trailer]
    visited = 0
    while stack and visited < MAX_OBJECTS_WALKED:
        obj = stack.pop()
        visited += 1
        if isinstance(obj, IndirectObject):
            key = (obj.idnum, obj.generation)
            if key in seen:
                continue
            seen.add(key)
            try:
                obj = obj.get_object()
            except Exception:  # noqa: BLE001 — a broken reference is not our question here
                continue
        if isinstance(obj, DictionaryObject):
            if names & set(obj.keys()) or obj.get("/S") == "/JavaScript":
                return True
            stack.extend(obj.values())
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _sharing_key(page):
    """What a page's text is made of: its content streams and its resources, or None if unsure.

    Pages with the same key have the same text. The attacker's file draws one large stream on
    every page; reading it once instead of fifty times is the difference between a second and a
    minute, and an ordinary file, whose pages each have their own stream, is read as before.
    """
    from pypdf.generic import ArrayObject, IndirectObject

    contents = page.raw_get("/Contents") if "/Contents" in page else None
    references = list(contents) if isinstance(contents, ArrayObject) else [contents]
    if not all(isinstance(reference, IndirectObject) for reference in references):
        return None
    node, depth = page, 0
    while "/Resources" not in node and "/Parent" in node and depth < 64:  # inherited from the page tree
        node, depth = node["/Parent"], depth + 1
    resources = node.raw_get("/Resources") if "/Resources" in node else None
    return (tuple((r.idnum, r.generation) for r in references), repr(resources))


def _write(record: dict) -> None:
    # ASCII JSON, one record a line: the parent can use every complete line if this process is killed.
    sys.stdout.buffer.write(json.dumps(record).encode("ascii") + b"\n")
    sys.stdout.buffer.flush()


def _storable(text: str) -> str:
    # PostgreSQL text holds neither NUL nor lone surrogates, which pypdf can produce from odd fonts.
    return text.replace("\x00", "").encode("utf-8", "replace").decode("utf-8")


def _child(max_pages: int, max_chars: int) -> None:
    import io
    import logging

    from pypdf import PdfReader

    logging.disable(logging.WARNING)  # pypdf warns about every odd file on stderr
    data = sys.stdin.buffer.read()
    try:
        reader = PdfReader(io.BytesIO(data))
        encrypted = bool(reader.is_encrypted) and not reader.decrypt("")
        page_count = len(reader.pages)
    except Exception as error:  # noqa: BLE001 — pypdf raises many types on a damaged file
        _write({"error": f"{type(error).__name__}: {error}"})
        return
    try:
        active = _walk_for_active_names(reader)
    except Exception:  # noqa: BLE001 — the raw byte check in the parent still applies
        active = False
    _write({"page_count": page_count, "encrypted": encrypted, "active": active})
    if encrypted:
        _write({"stopped_by": ""})
        return

    remaining = max_chars
    read: dict[object, str] = {}
    for number in range(1, min(page_count, max_pages) + 1):
        try:
            page = reader.pages[number - 1]
            key = _sharing_key(page)
            text = read.get(key) if key is not None else None
            if text is None:
                text = _storable(page.extract_text() or "")
                if key is not None:
                    read[key] = text
            failed = False
        except Exception:  # noqa: BLE001 — one page pypdf cannot read need not lose the others
            text, failed = "", True
        _write({"number": number, "text": text[:remaining], "failed": failed})
        if len(text) > remaining:
            _write({"stopped_by": CHARS})
            return
        remaining -= len(text)
    _write({"stopped_by": PAGES if page_count > max_pages else ""})


if __name__ == "__main__":
    _child(int(sys.argv[1]), int(sys.argv[2]))
