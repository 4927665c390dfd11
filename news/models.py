"""The network's news, written by the coordinators for the knowledge-sharing pages (vidensdeling)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from frikommune.publishing import PublicationStamp
from frikommune.reversing import object_url


class NewsItemQuerySet(models.QuerySet):
    def public(self):
        """What the public may see: the published items."""
        return self.filter(is_published=True)


class NewsItem(PublicationStamp):
    """A news item on the knowledge-sharing pages (vidensdeling)."""

    title = models.CharField(_("titel"), max_length=300)
    slug = models.SlugField(_("kortnavn"), max_length=200, unique=True)
    date = models.DateField(_("dato"))
    body = models.TextField(_("tekst"))
    # A string reference: the news app builds on the register without importing it.
    trials = models.ManyToManyField("trials.Trial", verbose_name=_("forsøg"), blank=True, related_name="news_items")
    is_published = models.BooleanField(_("offentliggjort"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("oprettet af"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The tables keep the names they had when news was part of the register (trials).
    history = HistoricalRecords(table_name="trials_historicalnewsitem")

    objects = NewsItemQuerySet.as_manager()

    class Meta:
        db_table = "trials_newsitem"
        ordering = ["-date", "title"]
        verbose_name = _("nyhed")
        verbose_name_plural = _("nyheder")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return object_url("news:detail", slug=self.slug)
