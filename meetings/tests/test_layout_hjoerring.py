"""Hjørring PDF minutes ("Åben dagsorden"): two documents written in that structure (the second awkward)."""

from datetime import date, time

from meetings.importing import read_minutes
from meetings.minutes.layouts import hjoerring, parse_any, recognise_all
from meetings.minutes.layouts.base import plain_lines

ORDINARY = """Referat - Åben dagsorden
Teknik- og Miljøudvalget
Hjørring Kommune Side 1.
Mødedato: 05-09-2019
Mødet påbegyndt: kl. 13:00
Mødet afsluttet: kl. 15:45
Mødested: Mødelokale 2, Rådhuset
Fraværende: Karen Mølgaard
Følgende sager behandles:
Pkt. Tekst Side
1 Godkendelse af dagsorden 2
2 Ny plan for vejbelysning i landsbyerne 3
3 Lukket punkt: Køb af areal ved rensningsanlægget
Hjørring Kommune 05-09-2019 Side 2.
00.01.00-A00-4-19
1. Godkendelse af dagsorden
Sagsfremstilling
Dagsordenen er udsendt til udvalgets medlemmer en uge før mødet.
Indstilling
Forvaltningen indstiller, at dagsordenen godkendes.
Beslutning
Godkendt.
Karen Mølgaard deltog ikke i mødet.
Hjørring Kommune 05-09-2019 Side 3.
05.01.08-P20-2-18
2. Ny plan for vejbelysning i landsbyerne
Resumé
Planen beskriver, hvilke gadelys der skiftes til LED i de næste fire år.
Sagsfremstilling
De ældste armaturer bruger meget strøm og er svære at skaffe reservedele til.
Planen prioriterer strækninger med skoleveje.
Indstilling
Teknik og Miljø indstiller, at planen godkendes.
Beslutning
Godkendt som indstillet.
Bilag
Belysningsplan 2019-2023
Kort over prioriterede strækninger
"""

# Awkward: committee on the title line, an empty "Fraværende:", a table title wrapped over two lines,
# an item title over two lines, a running page header in the middle of a sentence, an item without
# "Resumé" and "Beslutning", and a closed item without a journal number.
AWKWARD = """Åben dagsorden Børne- og Skoleudvalget
Hjørring Kommune 12. februar 2021 Side 1.
Mødedato: 12. februar 2021
Mødet påbegyndt: kl. 15:00
Mødet afsluttet: kl. 17:30
Mødested: Skolen ved Åen, personalerummet
Fraværende:
Følgende sager behandles:
Pkt. Tekst Side
1 Skoleåret 2021/22: klassedannelse og ressourcer for 2
de tre største skoler
2 Orientering om trivselsmåling 4
Hjørring Kommune 12. februar 2021 Side 2.
17.01.10-A00-1-21
1. Skoleåret 2021/22: klassedannelse og ressourcer for
de tre største skoler
Resumé
Elevtallet stiger i byens skoler, mens det falder på landet.
Sagsfremstilling
Forvaltningen har regnet på tre modeller for klassedannelse. Model B holder klassekvotienten under 26 på
Hjørring Kommune 12. februar 2021 Side 3.
alle tre skoler og kræver to ekstra lærerstillinger.
Beslutning
Udvalget valgte model B.
17.02.00-G01-3-20
2. Orientering om trivselsmåling
Sagsfremstilling
Årets måling viser, at flere elever føler sig trygge i frikvartererne end sidste år.
3. Lukket punkt: Klage over afgørelse om skoleskift
Sagsfremstilling
Sagen behandles for lukkede døre.
Beslutning
Afgjort.
"""


def test_recognised_as_hjoerring():
    for text in (ORDINARY, AWKWARD):
        layout, recognition = recognise_all(plain_lines(text))[0]
        assert layout is hjoerring
        assert recognition.score == 1.0


def test_ordinary_minutes_field_by_field():
    m = parse_any(ORDINARY)
    assert m.layout == hjoerring.LABEL
    assert (m.committee, m.date, m.start_time, m.end_time, m.place) == (
        "Teknik- og Miljøudvalget",
        date(2019, 9, 5),
        time(13, 0),
        time(15, 45),
        "Mødelokale 2, Rådhuset",
    )
    assert m.apologies == ["Karen Mølgaard"]
    assert [(i.number, i.title, i.case_number, i.is_closed) for i in m.items] == [
        (1, "Godkendelse af dagsorden", "00.01.00-A00-4-19", False),
        (2, "Ny plan for vejbelysning i landsbyerne", "05.01.08-P20-2-18", False),
        (3, "Køb af areal ved rensningsanlægget", "", True),  # closed: listed in the table only
    ]
    two = m.item(2)
    assert two.text == "Planen beskriver, hvilke gadelys der skiftes til LED i de næste fire år."
    assert two.case_description.startswith("De ældste armaturer bruger meget strøm")
    assert two.proposal == "Teknik og Miljø indstiller, at planen godkendes."
    assert two.decision == "Godkendt som indstillet."
    assert two.attachments == ["Belysningsplan 2019-2023", "Kort over prioriterede strækninger"]
    one = m.item(1)
    assert one.decision == "Godkendt.\nKaren Mølgaard deltog ikke i mødet."  # the page header after it is dropped
    assert one.text == ""  # no "Resumé"
    assert m.warnings == [] and m.unplaced == []


def test_awkward_minutes():
    m = parse_any(AWKWARD)
    assert (m.committee, m.date, m.start_time, m.end_time) == (
        "Børne- og Skoleudvalget",
        date(2021, 2, 12),
        time(15, 0),
        time(17, 30),
    )
    assert m.apologies == [] and m.present == []
    one = m.item(1)
    assert one.title == "Skoleåret 2021/22: klassedannelse og ressourcer for de tre største skoler"
    assert one.case_number == "17.01.10-A00-1-21"
    # The running header between "under 26 på" and "alle tre skoler" is gone, the sentence joined.
    assert one.case_description == (
        "Forvaltningen har regnet på tre modeller for klassedannelse. Model B holder klassekvotienten under 26 på\n"
        "alle tre skoler og kræver to ekstra lærerstillinger."
    )
    assert "Hjørring Kommune" not in " ".join(i.case_description + i.decision for i in m.items)
    two = m.item(2)
    assert (two.text, two.proposal, two.decision) == ("", "", "")  # missing sections stay empty
    closed = m.item(3)
    assert (closed.title, closed.is_closed, closed.case_description, closed.decision) == (
        "Klage over afgørelse om skoleskift",
        True,
        "",
        "",
    )
    assert m.warnings == [
        "Punkt 2 ('Orientering om trivselsmåling') har ingen beslutning",
        "Punkt 3 er lukket; teksten i referatet er udeladt",
    ]
    assert m.unplaced == []


def pdf_of_pages(pages: list[list[str]]) -> bytes:
    """A PDF with one page per list of lines (Helvetica, WinAnsi, so Danish letters survive)."""

    def escape(line: str) -> bytes:
        return line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")

    streams = [
        b"BT /F1 9 Tf 11 TL 40 810 Td " + b" T* ".join(b"(" + escape(line) + b") Tj" for line in lines) + b" ET"
        for lines in pages
    ]
    count = len(streams)
    first_stream, first_page, font = 3, 3 + count, 3 + 2 * count
    kids = b" ".join(b"%d 0 R" % (first_page + i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count]
    objects += [b"<< /Length %d >>\nstream\n" % len(s) + s + b"\nendstream" for s in streams]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 %d 0 R >> >> "
        b"/Contents %d 0 R >>" % (font, first_stream + i)
        for i in range(count)
    ]
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_the_awkward_minutes_as_a_pdf_split_at_the_running_headers_read_the_same():
    pages: list[list[str]] = [[]]
    for line in AWKWARD.rstrip("\n").split("\n"):
        if line.startswith("Hjørring Kommune") and pages[-1]:
            pages.append([])
        pages[-1].append(line)
    assert len(pages) == 4  # the title line, then a page per running header
    assert read_minutes(pdf_of_pages(pages)) == parse_any(AWKWARD)
