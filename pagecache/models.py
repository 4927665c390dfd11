"""The data's version: one row, counted up by database triggers on every change to a public page's data."""

from django.db import models


class DataVersion(models.Model):
    """The single row (id 1) that says how often, and when last, the public pages' data changed.

    Triggers on the tables of settings.PAGE_CACHE_APPS count `version` up and set `changed_at` on
    every insert, update and delete (pagecache.triggers), whichever process or connection made it.
    The page cache (pagecache.middleware) keys each page on the version, so a change shows at once.
    """

    version = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    class Meta:
        db_table = "pagecache_dataversion"

    def __str__(self):
        return f"version {self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
