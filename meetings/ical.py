"""A small, fast iCalendar (RFC 5545) writer for the meeting calendars.

The icalendar package builds an object per property and parameter and spent most of the national
calendar's 13 s doing so; the calendars need only a handful of property kinds, written here as text:
TEXT values escaped (3.3.11), dates and UTC date-times (3.3.4, 3.3.5), lines folded at 75 octets
without splitting a UTF-8 character (3.1), CRLF line ends.
"""

import datetime

LINE_OCTETS = 75
CRLF = "\r\n"


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \\n."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """A content line folded into lines of at most 75 octets, continuations starting with a space.

    Cut in the UTF-8 bytes, stepping back from a cut that falls inside a character (its continuation
    bytes are 10xxxxxx).
    """
    if len(line) <= LINE_OCTETS and line.isascii():
        return line  # most lines: short, and one octet a character
    data = line.encode()
    if len(data) <= LINE_OCTETS:
        return line
    parts = []
    start, room = 0, LINE_OCTETS
    while len(data) - start > room:
        end = start + room
        while data[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(data[start:end])
        # A continuation line's leading space counts towards its 75 octets.
        start, room = end, LINE_OCTETS - 1
    parts.append(data[start:])
    return b"\r\n ".join(parts).decode()


def format_date(value):
    return value.strftime("%Y%m%d")


def format_utc(value):
    """A date-time in UTC form (RFC 5545 3.3.5, form #2)."""
    if value.tzinfo is None:
        raise ValueError("a calendar date-time needs a time zone")
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


class Writer:
    """Collects content lines; text() gives the folded calendar."""

    def __init__(self):
        self.lines = []

    def begin(self, component):
        self.lines.append(f"BEGIN:{component}")

    def end(self, component):
        self.lines.append(f"END:{component}")

    def text(self, name, value):
        self.lines.append(fold(f"{name}:{escape_text(value)}"))

    def raw(self, name, value):
        """A value written as given: a URI, a version, a status keyword."""
        self.lines.append(fold(f"{name}:{value}"))

    def date_or_datetime(self, name, value):
        if isinstance(value, datetime.datetime):
            self.lines.append(f"{name}:{format_utc(value)}")
        else:
            self.lines.append(f"{name};VALUE=DATE:{format_date(value)}")

    def result(self):
        return CRLF.join(self.lines) + CRLF
