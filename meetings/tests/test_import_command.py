"""Tests of `manage.py import_minutes`."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, OperationalError

from meetings.models import AgendaItem, Meeting
from meetings.tests import samples
from meetings.tests.import_helpers import counts
from meetings.tests.test_importing import BAD_INPUT, WHOLE
from trials.models import Trial


@pytest.fixture
def committee(minutes_data):
    from meetings.models import Committee

    committee = Committee.objects.get(slug="beskaeftigelsesudvalget")
    Meeting.objects.filter(committee=committee).delete()  # rebuild the fixture's meeting from the minutes
    return committee


def run(*args):
    out = StringIO()
    call_command("import_minutes", *map(str, args), stdout=out)
    return out.getvalue()


def test_command_imports_and_prints_a_readable_summary(committee):
    out = run(WHOLE, "--committee", committee.slug)
    assert "Referatet er importeret." in out
    assert "Møde: Beskæftigelsesudvalget 23.01.2018 (oprettet)" in out
    assert "Punkter i behandlet rækkefølge: 12" in out
    assert "    7. Punkt 8. Orientering fra rådmand og direktør – oprettes" in out
    assert "   11. Punkt 10. Orientering fra rådmand og direktør - lukket [LUKKET]" in out
    assert "titlen i indholdsfortegnelsen ('Godkendelse af forretningsorden for" in out
    assert "  Punkt 6: Fleksibilitet i rehabiliteringsteams (forslag)" in out
    assert AgendaItem.objects.filter(meeting__committee=committee).count() == 12
    assert not AgendaItem.objects.get(number=6).trials.exists()


def test_dry_run_saves_nothing(committee):
    before = counts()
    out = run(WHOLE, "--committee", committee.slug, "--dry-run")
    assert out.startswith("Prøvekørsel – intet er gemt.")
    assert "(oprettes)" in out
    assert counts() == before


def test_link_trials_and_publish(committee):
    out = run(WHOLE, "--committee", committee.slug, "--link-trials", "--publish")
    assert "  Punkt 6: Fleksible rammer for uddannelse (knyttet)" in out
    assert AgendaItem.objects.get(number=6).trials.count() == Trial.objects.count()
    assert Meeting.objects.get(committee=committee).is_published


def test_second_run_reports_unchanged_and_adds_nothing(committee):
    run(WHOLE, "--committee", committee.slug)
    before = counts()
    out = run(WHOLE, "--committee", committee.slug)
    assert "(uændret)" in out
    assert "punkter: 0 nye, 0 ændrede" in out
    assert counts() == before


def test_pdf_is_recognised_by_its_content(committee, tmp_path):
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for line in [
        "Referat",
        "Aalborg Byråd",
        "Beskæftigelsesudvalget",
        "Mødet den 23.01.2018 kl. 08.30 - 11.30",
        "Punkt 1.",
        "Godkendelse af dagsorden",
        "Beslutning:",
        "Godkendt.",
    ]:
        pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "referat.txt"  # a misleading name: the content decides
    path.write_bytes(bytes(pdf.output()))
    out = run(path, "--committee", committee.slug)
    assert "Punkter i behandlet rækkefølge: 1" in out
    assert AgendaItem.objects.get(meeting__committee=committee).title == "Godkendelse af dagsorden"


@pytest.mark.parametrize("text, message", [case[1:] for case in BAD_INPUT], ids=[case[0] for case in BAD_INPUT])
def test_bad_input_is_a_command_error_with_the_message(committee, tmp_path, text, message):
    path = tmp_path / "referat.md"
    path.write_text(text, encoding="utf-8")
    before = counts()
    with pytest.raises(CommandError) as info:
        run(path, "--committee", committee.slug)
    assert str(info.value) == f"referat.md: {message}"
    assert counts() == before


def test_pdf_slower_than_the_time_bound_is_a_command_error_and_saves_nothing(committee, tmp_path, settings):
    settings.PDF_EXTRACT_SECONDS = 2
    path = tmp_path / "referat.pdf"
    path.write_bytes(samples.attacker_pdf(pages=30, shared_stream=False))
    before = counts()

    with pytest.raises(CommandError) as info:
        run(path, "--committee", committee.slug)

    assert str(info.value).startswith(
        "referat.pdf: PDF-filens tekst kunne ikke læses helt (det tog over 2 sekunder at læse den)"
    )
    assert counts() == before


@pytest.mark.parametrize(
    "error",
    [IntegrityError("duplicate key value violates unique constraint"), OperationalError("database is locked")],
    ids=["postgresql", "sqlite"],
)
def test_collision_with_another_import_is_a_command_error_with_a_danish_message(committee, error):
    importing = mock.patch("meetings.management.commands.import_minutes.import_minutes", side_effect=error)
    with importing, pytest.raises(CommandError) as info:
        run(WHOLE, "--committee", committee.slug)
    assert str(info.value) == (
        f"{WHOLE.name}: Referatet blev indlæst samtidig af en anden, eller databasen var optaget. "
        "Denne import er ikke gemt; prøv igen."
    )
    assert info.value.__suppress_context__  # printed as a message, without the database traceback


def test_file_with_more_items_than_the_limit_is_a_command_error(committee, settings):
    settings.MINUTES_MAX_ITEMS = 10
    before = counts()
    with pytest.raises(CommandError) as info:
        run(WHOLE, "--committee", committee.slug, "--dry-run")
    assert str(info.value) == f"{WHOLE.name}: Referatet har 12 punkter, men højst 10 kan indlæses fra én fil"
    assert counts() == before


def test_unknown_committee(committee):
    with pytest.raises(CommandError) as info:
        run(WHOLE, "--committee", "findes-ikke")
    assert str(info.value) == "Udvalget 'findes-ikke' findes ikke (kendte udvalg: beskaeftigelsesudvalget)."


def test_missing_file(committee, tmp_path):
    with pytest.raises(CommandError, match="^Filen '.*mangler.txt' kan ikke læses"):
        run(tmp_path / "mangler.txt", "--committee", committee.slug)
