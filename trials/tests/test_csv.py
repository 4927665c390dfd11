"""The CSV files: Danish Excel's format, the list page's filters, formulas defused, public data only."""

import csv
import io

import pytest

from meetings.tests.factories import CommitteeDecisionFactory
from trials.csvexport import cell
from trials.models import Trial
from trials.tests.factories import ParticipationFactory, TrialFactory


def rows_of(response, separator=";"):
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=separator))


@pytest.mark.parametrize(
    ("url", "filename", "count"),
    [("/forsoeg.csv", "forsoeg.csv", 19), ("/kommuner.csv", "kommuner.csv", 11), ("/beslutninger.csv", None, None)],
)
def test_files_are_utf8_with_a_bom_and_semicolons(client, minutes_data, url, filename, count):
    response = client.get(url)
    rows = rows_of(response)
    assert response["Content-Disposition"] == f'attachment; filename="{url.lstrip("/")}"'
    assert len(rows[0]) > 2
    assert all(len(row) == len(rows[0]) for row in rows)
    if count is not None:
        assert len(rows) == count + 1


def test_comma_on_request(client, minutes_data):
    semicolons = rows_of(client.get("/kommuner.csv"))
    commas = rows_of(client.get("/kommuner.csv", {"sep": ","}), separator=",")
    assert semicolons == commas
    assert b";" not in client.get("/kommuner.csv", {"sep": ","}).content.split(b"\n")[0]


def test_trials_file_has_danish_headers_and_follows_the_list_filters(client, minutes_data):
    rows = rows_of(client.get("/forsoeg.csv", {"runde": "2", "sortering": "titel"}))
    assert rows[0][:5] == ["Titel", "Netværk", "Ansøgningsrunde", "Nummer i runden", "Status"]
    titles = [row[0] for row in rows[1:]]
    expected = Trial.objects.public().filter(application_round__number=2).order_by("title")
    assert titles == [trial.title for trial in expected]
    assert {row[2] for row in rows[1:]} == {"2"}


def test_a_bad_filter_is_dropped_as_on_the_page(client, minutes_data):
    assert rows_of(client.get("/forsoeg.csv", {"runde": "abc"})) == rows_of(client.get("/forsoeg.csv"))


def test_participations_file_has_a_row_per_municipality_and_trial(client, minutes_data):
    rows = rows_of(client.get("/deltagelse.csv", {"kommune": "thisted"}))
    trials = {row[0] for row in rows[1:]}
    assert trials == set(Trial.objects.public().in_municipality("thisted").values_list("title", flat=True))
    assert "Thisted" in {row[1] for row in rows[1:]}


def test_municipalities_file_counts_published_trials(client, minutes_data):
    rows = rows_of(client.get("/kommuner.csv"))
    aalborg = next(row for row in rows if row[0] == "Aalborg")
    applied = Trial.objects.public().filter(
        participations__municipality__slug="aalborg", participations__kind="applicant"
    )
    assert int(aalborg[1]) == applied.count()


def test_unpublished_trials_are_left_out(client, db):
    TrialFactory(title="Offentligt forsøg")
    ParticipationFactory(trial=TrialFactory(title="Kladde", is_published=False))
    content = b"".join(client.get(url, {"netvaerk": "alle"}).content for url in ("/forsoeg.csv", "/deltagelse.csv"))
    assert "Offentligt forsøg".encode() in content
    assert b"Kladde" not in content


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_a_cell_that_looks_like_a_formula_gets_an_apostrophe(start):
    assert cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_formulas_in_the_register_are_defused_in_every_file(client, db):
    formula = '=HYPERLINK("http://angriber.example","klik")'
    trial = TrialFactory(title=formula)
    participation = ParticipationFactory(trial=trial, municipality__name="@SUM(A1)", listed_as="+1")
    decision = CommitteeDecisionFactory(text="-2+3", committee__municipality=participation.municipality)
    decision.trials.add(trial)
    cells = [
        value
        for url in ("/forsoeg.csv", "/deltagelse.csv", "/kommuner.csv", "/beslutninger.csv")
        for row in rows_of(client.get(url))
        for value in row
    ]
    assert "'" + formula in cells
    assert "'@SUM(A1)" in cells and "'+1" in cells and "'-2+3" in cells
    assert not [value for value in cells if value.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_numbers_and_dates_are_plain(client, minutes_data):
    rows = rows_of(client.get("/beslutninger.csv"))
    dates = [row[0] for row in rows[1:] if row[0]]
    assert dates and all(len(date) == 10 and date[4] == "-" for date in dates)


CSV_QUERY_BUDGET = {
    # the filters' choices (networks, rounds, municipalities, evaluators), the trials, their participations
    "/forsoeg.csv": 6,
    "/deltagelse.csv": 6,
    "/kommuner.csv": 1,
    # the decisions with committee and item, their trials
    "/beslutninger.csv": 2,
}


@pytest.mark.django_db
def test_csv_files_keep_a_fixed_number_of_queries_with_fifty_times_the_data(client, django_assert_max_num_queries):
    from frikommune.tests.test_pages import make_fifty_times_the_data

    make_fifty_times_the_data()
    for url, limit in CSV_QUERY_BUDGET.items():
        # +1: the page cache's query for the data's version (pagecache.middleware).
        with django_assert_max_num_queries(limit + 1):
            rows = rows_of(client.get(url))
        assert len(rows) > 11, url
