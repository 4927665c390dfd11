"""The iCalendar writer (meetings.ical): RFC 5545 escaping, folding and date forms."""

import datetime
import zoneinfo

import icalendar
import pytest

from meetings import ical


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        ("plain", "plain"),
        ("a;b", "a\\;b"),
        ("a,b", "a\\,b"),
        ("back\\slash", "back\\\\slash"),
        ("two\nlines", "two\\nlines"),
        ("windows\r\nline", "windows\\nline"),
        ("old mac\rline", "old mac\\nline"),
        # The backslash is escaped first, so an escaped character is not escaped twice.
        ("\\;", "\\\\\\;"),
        # Colons and double quotes are fine in a TEXT value (RFC 5545 3.3.11).
        ('Kl. 9:30 "Rådssalen"', 'Kl. 9:30 "Rådssalen"'),
    ],
)
def test_text_is_escaped_as_rfc_5545_says(value, escaped):
    assert ical.escape_text(value) == escaped


def test_a_short_line_is_not_folded():
    line = "SUMMARY:" + "x" * 67
    assert len(line.encode()) == 75
    assert ical.fold(line) == line


def test_a_long_ascii_line_is_folded_at_75_octets_with_a_leading_space():
    line = "DESCRIPTION:" + "abcdefghij" * 30
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    assert all(len(part.encode()) <= 75 for part in parts)
    assert all(part.startswith(" ") for part in parts[1:])
    # Unfolding (RFC 5545 3.1: remove CRLF and one space) gives the line back.
    assert folded.replace("\r\n ", "") == line


@pytest.mark.parametrize("character", ["æ", "ø", "å", "€", "😀"])
def test_folding_never_splits_a_utf8_character(character):
    line = "SUMMARY:" + "x" + character * 100
    parts = ical.fold(line).split("\r\n")
    for part in parts:
        encoded = part.encode()
        assert len(encoded) <= 75
        encoded.decode()  # a split character would not decode
    assert ical.fold(line).replace("\r\n ", "") == line


def test_dates_and_utc_date_times():
    writer = ical.Writer()
    copenhagen = zoneinfo.ZoneInfo("Europe/Copenhagen")
    writer.date_or_datetime("DTSTART", datetime.datetime(2018, 1, 23, 8, 30, tzinfo=copenhagen))
    writer.date_or_datetime("DTSTART", datetime.date(2018, 1, 23))
    assert writer.lines == ["DTSTART:20180123T073000Z", "DTSTART;VALUE=DATE:20180123"]


def test_a_naive_date_time_is_refused():
    with pytest.raises(ValueError):
        ical.Writer().date_or_datetime("DTSTART", datetime.datetime(2018, 1, 23, 8, 30))


def test_the_written_calendar_reads_back_with_the_icalendar_package():
    writer = ical.Writer()
    writer.begin("VCALENDAR")
    writer.raw("VERSION", "2.0")
    writer.raw("PRODID", "-//Test//DA")
    writer.begin("VEVENT")
    writer.raw("UID", "moede-1@test")
    writer.date_or_datetime("DTSTAMP", datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC))
    writer.date_or_datetime("DTSTART", datetime.date(2026, 2, 3))
    summary = "Børne- og ungeudvalget; møde, ekstraordinært " + "æøå" * 40
    writer.text("SUMMARY", summary)
    writer.text("DESCRIPTION", "Dagsorden:\nPunkt 1. Æblegrød, med komma")
    writer.end("VEVENT")
    writer.end("VCALENDAR")
    text = writer.result()
    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    event = icalendar.Calendar.from_ical(text).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == summary
    assert str(event["DESCRIPTION"]) == "Dagsorden:\nPunkt 1. Æblegrød, med komma"
    assert event.decoded("DTSTART") == datetime.date(2026, 2, 3)
