"""The stored search index: one entry per searchable row, read by the PostgreSQL search."""

from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    """A searchable row's title and Danish search vector, built from its source's expressions.

    Entries exist for every row, public or not: the search filters them by the source's public
    QuerySet when it asks, so publishing or closing something needs no reindexing. Only
    PostgreSQL fills the table; other databases search the sources directly.
    """

    kind = models.CharField(_("slags"), max_length=20)
    object_id = models.BigIntegerField(_("id"))
    title = models.TextField(_("titel"), blank=True)
    vector = SearchVectorField(_("søgevektor"), null=True)

    class Meta:
        ordering = ["kind", "object_id"]
        verbose_name = _("søgeindgang")
        verbose_name_plural = _("søgeindgange")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_entry_unique_row")]
        indexes = [
            GinIndex(fields=["vector"], name="search_entry_vector"),
            GinIndex(OpClass("title", name="gin_trgm_ops"), name="search_entry_title_trgm"),
        ]

    def __str__(self):
        return f"{self.kind} {self.object_id}"
