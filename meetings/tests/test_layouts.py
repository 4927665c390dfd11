"""Choosing a layout: refusal with the closest layout's complaint, half matches, HTML input, the admin preview."""

import html
import io
import zipfile

import pytest

from meetings.importing import import_minutes, preview_minutes, read_minutes, read_minutes_text
from meetings.minutes import MinutesParseError
from meetings.minutes.layouts import LAYOUTS, generic, parse_any
from meetings.models import AgendaItem, Committee, CommitteeSecretary, Meeting
from meetings.tests import test_layout_bronderslev as bronderslev_docs
from meetings.tests import test_layout_facts, test_layout_generic, test_layout_hjoerring, test_layout_oneline
from meetings.tests.import_helpers import counts

ALL_DOCUMENTS = [
    module.__dict__[name]
    for module in (bronderslev_docs, test_layout_hjoerring, test_layout_generic, test_layout_oneline, test_layout_facts)
    for name in ("ORDINARY", "AWKWARD")
]

AGENDA_WITHOUT_DECISIONS = """Dato: 7. maj 2024

1. Budgetopfølgning
Sagsfremstilling
Forbruget følger budgettet.

2. Eventuelt
Sagsfremstilling
Intet.
"""


def test_every_layout_module_has_the_parts_the_importer_uses():
    for layout in LAYOUTS:
        assert layout.NAME and layout.LABEL and callable(layout.recognise) and callable(layout.parse)
    assert LAYOUTS[-1] is generic  # the generic layout only wins when no municipality's layout fits better


def test_text_matching_no_layout_is_refused_with_the_closest_layouts_complaint():
    text = "Dato: 3. april 2024\n\nVi talte om vejret.\n\nBeslutning\n\nIngen.\n"
    with pytest.raises(MinutesParseError) as info:
        parse_any(text)
    assert str(info.value) == (
        "Teksten ligner ikke et referat i nogen af de kendte opsætninger; nærmest er "
        f"{generic.LABEL}: der er ingen nummererede punkter efterfulgt af et afsnit (fx '1. Titel' og "
        "'Sagsfremstilling')"
    )


def test_a_half_match_is_read_with_a_warning_saying_what_did_not_fit():
    m = parse_any(AGENDA_WITHOUT_DECISIONS)
    assert m.layout == generic.LABEL
    assert m.warnings[0] == (
        f"Teksten passer kun delvist til opsætningen {generic.LABEL}: der er ingen afsnit 'Beslutning'"
    )
    assert [i.decision for i in m.items] == ["", ""]


@pytest.mark.parametrize("document", ALL_DOCUMENTS)
def test_cut_anywhere_a_document_is_read_or_refused_with_a_message_never_a_traceback(document):
    for end in range(0, len(document), 23):
        try:
            parse_any(document[:end])
        except MinutesParseError as error:
            assert str(error)


def as_html(text: str) -> bytes:
    """A minutes page as a browser saves it: navigation, a script, headings and paragraphs."""
    blocks = [html.escape(b.strip()).replace("\n", "<br>") for b in text.split("\n\n") if b.strip()]
    body = "".join(f"<h2>{b}</h2>" if b[0].isdigit() else f"<p>{b}</p>" for b in blocks[1:])
    page = (
        "<!DOCTYPE html><html><head><title>Referat</title><script>var menu = '1. Forside';</script></head>"
        f"<body><nav><ul><li>Forside</li><li>Politik</li></ul></nav><h1>{blocks[0]}</h1>{body}"
        "<footer>Kontakt kommunen</footer></body></html>"
    )
    return page.encode()


def test_a_saved_html_page_is_read_like_its_text():
    from_html = read_minutes(as_html(bronderslev_docs.ORDINARY))
    from_text = parse_any(bronderslev_docs.ORDINARY)
    assert from_html.layout == from_text.layout
    assert (from_html.committee, from_html.date, from_html.place, from_html.apologies) == (
        from_text.committee,
        from_text.date,
        from_text.place,
        from_text.apologies,
    )
    assert [(i.number, i.title, i.decision, i.attachments) for i in from_html.items] == [
        (i.number, i.title, i.decision, i.attachments) for i in from_text.items
    ]
    text = read_minutes_text(as_html(bronderslev_docs.ORDINARY))
    assert "var menu" not in text and "Forside" not in text and "Kontakt kommunen" not in text


@pytest.fixture
def committee(minutes_data):
    return Committee.objects.get(slug="beskaeftigelsesudvalget")


def test_brønderslev_minutes_import_into_a_meeting_and_closed_items_keep_only_their_title(committee):
    result = import_minutes(minutes=parse_any(bronderslev_docs.AWKWARD), committee=committee)
    meeting = result.meeting
    assert meeting.place == "Virtuelt møde"
    items = {i.number: i for i in AgendaItem.objects.filter(meeting=meeting)}
    assert sorted(items) == [1, 2, 3, 4]
    assert items[4].is_closed and items[4].title == "Køb af ejendom til vejudvidelse"
    assert "fortrolige" not in str(vars(items[4]))
    assert items[2].decision == "Udvalget anbefaler planen over for Økonomiudvalget."


def test_a_half_match_previews_and_saves_nothing(committee):
    before = counts()
    result = preview_minutes(minutes=parse_any(AGENDA_WITHOUT_DECISIONS), committee=committee)
    assert result.warnings[0].startswith("Teksten passer kun delvist")
    assert counts() == before


@pytest.fixture
def secretary_client(client, committee, django_user_model):
    user = django_user_model.objects.create_user("sekretaer15", password="x", is_staff=True)
    CommitteeSecretary.objects.create(user=user, committee=committee)
    client.force_login(user)
    return client


def test_admin_preview_names_the_layout_and_lists_what_it_could_not_place(secretary_client, committee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    before = counts()
    response = secretary_client.post(
        "/admin/meetings/meeting/import/",
        {"committee": committee.pk, "file": SimpleUploadedFile("referat.html", as_html(bronderslev_docs.AWKWARD))},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Genkendt opsætning" in page and "Brønderslev" in page
    assert "Kunne ikke placeres" in page and "Mødet blev ledet af næstformanden." in page
    assert "Forhandlingerne med ejeren er fortrolige" not in page  # the closed item's text
    assert counts() == before  # nothing saved until confirmed
    payload = response.context["confirm_form"].initial["payload"]
    secretary_client.post("/admin/meetings/meeting/import/bekraeft/", {"payload": payload})
    assert Meeting.objects.filter(committee=committee, date__year=2020).exists()


def test_admin_refuses_a_text_matching_no_layout_with_the_reason(secretary_client, committee):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = secretary_client.post(
        "/admin/meetings/meeting/import/",
        {
            "committee": committee.pk,
            "file": SimpleUploadedFile("x.txt", b"Dato: 3. april 2024\n\nBeslutning\n\nIngen.\n"),
        },
    )
    assert response.status_code == 200
    [error] = response.context["form"].errors["file"]
    assert error.startswith("Teksten ligner ikke et referat i nogen af de kendte opsætninger; nærmest er Generel")


# --- Word (.docx) ------------------------------------------------------------------------------------


def as_docx(text: str, table_rows: list[tuple[str, ...]] = ()) -> bytes:
    import docx

    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    if table_rows:
        table = document.add_table(rows=0, cols=len(table_rows[0]))
        for row in table_rows:
            cells = table.add_row().cells
            for cell, value in zip(cells, row, strict=True):
                cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_word_document_is_read_like_its_text():
    text = test_layout_facts.ORDINARY
    from_docx = read_minutes(as_docx(text))
    from_text = parse_any(text)
    assert from_docx == from_text


def test_a_word_table_becomes_lines_of_tab_separated_cells():
    data = as_docx("Referat", [("Pkt.", "Tekst"), ("1", "Godkendelse af dagsorden")])
    assert read_minutes_text(data).endswith("Pkt.\tTekst\n1\tGodkendelse af dagsorden\n")


@pytest.mark.parametrize(
    "data, message",
    [
        (b"PK\x03\x04 not really a zip", "Filen ligner en Word-fil (.docx), men kan ikke åbnes"),
        ("zip-without-document", "Filen er en zip-fil, men ikke et Word-dokument (.docx)"),
        ("bomb", "Word-filen fylder over 100 MB udpakket og læses ikke"),
    ],
)
def test_bad_word_files_are_refused_with_a_message(data, message):
    if data == "zip-without-document":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hej")
        data = out.getvalue()
    elif data == "bomb":
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("word/document.xml", "")
            archive.writestr("word/padding.bin", b"\0" * (101 * 1024 * 1024))
        data = out.getvalue()
    with pytest.raises(MinutesParseError) as info:
        read_minutes_text(data)
    assert str(info.value) == message


def test_the_command_names_the_layout_and_lists_what_it_could_not_place(committee, tmp_path):
    from django.core.management import call_command

    path = tmp_path / "referat.txt"
    path.write_text(bronderslev_docs.AWKWARD, encoding="utf-8")
    out = io.StringIO()
    before = counts()
    call_command("import_minutes", str(path), "--committee", committee.slug, "--dry-run", stdout=out)
    output = out.getvalue()
    assert "Opsætning: Brønderslev" in output
    assert "Kunne ikke placeres:\n  - Linje 6: Mødet blev ledet af næstformanden." in output
    assert counts() == before


def test_a_layout_that_fails_unexpectedly_gives_a_message_not_a_server_error(monkeypatch):
    from meetings.minutes.layouts import bronderslev

    def broken(lines):
        raise IndexError("a bug")

    monkeypatch.setattr(bronderslev, "parse", broken)
    with pytest.raises(MinutesParseError) as info:
        parse_any(bronderslev_docs.ORDINARY)
    assert str(info.value).startswith("Teksten blev genkendt som Brønderslev")
