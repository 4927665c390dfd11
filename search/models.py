"""The stored search index: one entry per searchable row, read by the PostgreSQL search."""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A searchable row's title and Danish search vector, built from its source's expressions.

    Entries exist for every row, public or not; `public` says whether the source's public QuerySet
    gives the row, decided when the row is indexed. So publishing, closing or unpublishing
    something reindexes the rows whose visibility it decides (the sources name those dependencies,
    indexing.py follows them), and the search reads only `public` rows, through partial indexes.
    The search page's filters read committee_id, municipality_ids and year, copied from the
    source's filter expressions (sources.py) when the row is indexed; each has a partial index.
    Only PostgreSQL fills the table; other databases search the sources directly.
    """

    kind = models.CharField(_("slags"), max_length=20)
    object_id = models.BigIntegerField(_("id"))
    title = models.TextField(_("titel"), blank=True)
    vector = SearchVectorField(_("søgevektor"), null=True)
    # The title alone in the Danish configuration: finds the title hits, which always rank first.
    title_vector = SearchVectorField(_("titlens søgevektor"), null=True)
    # The title's words as written ('simple' configuration), for the typo path: see SearchWord.
    title_words = SearchVectorField(_("titlens ord"), null=True)
    public = models.BooleanField(_("offentlig"), default=False)
    # The facts the filters read: ids, not foreign keys, since the index is rebuilt from the sources.
    committee_id = models.BigIntegerField(_("udvalg"), null=True)
    municipality_ids = ArrayField(models.BigIntegerField(), verbose_name=_("kommuner"), null=True)
    year = models.PositiveSmallIntegerField(_("år"), null=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("søgeindgang")
        verbose_name_plural = _("søgeindgange")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_row")]
        indexes = [
            GinIndex(fields=["vector"], name="search_entry_public_vector", condition=models.Q(public=True)),
            GinIndex(fields=["title_vector"], name="search_entry_public_title", condition=models.Q(public=True)),
            GinIndex(fields=["title_words"], name="search_entry_public_words", condition=models.Q(public=True)),
            models.Index(
                fields=["committee_id"], name="search_entry_public_committee", condition=models.Q(public=True)
            ),
            GinIndex(fields=["municipality_ids"], name="search_entry_public_munic", condition=models.Q(public=True)),
            models.Index(fields=["year"], name="search_entry_public_year", condition=models.Q(public=True)),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"


class SearchWord(models.Model):
    """A distinct word of the public rows' titles and text: the vocabulary of the typo path and of "Mente du …?".

    A misspelt query is matched by trigrams against these words (a small table), and the titles
    holding a close word are then found through SearchEntry.title_words, so the typo path never
    scans the entries. The words come from public rows only (every word of a title; the words of
    letters only of the public text, which for a closed item is its title alone). Words of rows
    since changed or hidden stay until the next rebuild: they only ever add candidates, which the
    typo path's similarity check drops, and a suggestion is only made of words that find public rows.
    """

    word = models.TextField(_("ord"), unique=True)

    class Meta:
        ordering = ["word"]
        verbose_name = _("søgeord")
        verbose_name_plural = _("søgeord")
        indexes = [GinIndex(OpClass("word", name="gin_trgm_ops"), name="search_word_trgm")]

    def __str__(self):
        return self.word
