"""Words are matched by their Danish stem, alike on PostgreSQL and in the SQLite fallback."""

from hypothesis import given
from hypothesis import strategies as st

from news.tests.factories import NewsItemFactory
from search.backends import stem

DANISH_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyzæøåABCDEFGHIJKLMNOPQRSTUVWXYZÆØÅ", min_size=1, max_size=30)


def result_titles(client, query):
    return [hit.title for hit in client.get("/soeg/", {"q": query}).context["hits"]]


def test_an_inflected_word_finds_another_form_of_it(db, client):
    NewsItemFactory(title="Nyt fra kommunen", body="")
    assert result_titles(client, "kommunernes") == ["Nyt fra kommunen"]


def test_a_capitalised_danish_word_finds_itself_with_another_ending(db, client):
    # SQLite's LIKE folds the case of ASCII letters only: the stem keeps the "Ø" as typed.
    NewsItemFactory(title="Jobcenter i Ørestad", body="")
    assert result_titles(client, "Ørestaden") == ["Jobcenter i Ørestad"]


@given(word=DANISH_WORDS)
def test_the_stem_is_the_start_of_the_word_as_typed(word):
    # So a stem matched as a substring always finds the word it came from.
    assert word.startswith(stem(word))


def test_the_stem_cuts_danish_endings():
    assert stem("rehabiliteringsteamet") == "rehabiliteringsteam"
    assert stem("Mentorordningen") == "Mentorordning"
    assert stem("kommunernes") == "kommun"
