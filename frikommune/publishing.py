"""When a row became public: `published_at`, stamped when its `is_published` flag turns on.

The e-mail alerts (alerts/digest.py) send what became public since a subscriber's last digest, so
they need the time each meeting, decision, document and news item was published, whichever way it
was: the admin's form or list action, Meeting.publish(), the minutes import, a shell. All of those
save the row, so the stamp is kept in save(), like auto_now: it changes only the row's own field,
never another row. What does not call save() must set `published_at` itself: `QuerySet.update()`
and `bulk_create()` (the national data generator does), and raw fixture loading (`loaddata`),
whose rows keep the stamp the fixture gives them (none: they count as published before alerts).
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PublicationStamp(models.Model):
    """Adds `published_at` to a model with an `is_published` flag, and keeps it in save().

    - The flag turns on (a new published row, or a draft published): `published_at` is now.
    - The flag turns off (withdrawn): `published_at` is cleared, so publishing it again is news again.
    - Otherwise it is left alone; in particular editing a row published before the stamp existed
      (published_at null) does not make it new.
    Whether the flag turned on is judged against the value loaded from the database (from_db);
    an instance made some other way with a primary key (a history revert) reads it first.
    """

    published_at = models.DateTimeField(
        _("offentliggjort den"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_("Hvornår det sidst blev offentliggjort; e-mail-abonnenter får det, der er offentliggjort siden."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if "is_published" in self.__dict__ and (update_fields is None or "is_published" in update_fields):
            was_published = self._was_published()
            if self.is_published and not was_published:
                self.published_at = timezone.now()
            elif not self.is_published:
                self.published_at = None
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "published_at"}
        super().save(*args, **kwargs)
        if "is_published" in self.__dict__:
            self._loaded_is_published = self.is_published

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Deferred (not loaded): left out, so save() knows nothing about it and reads it if needed.
        if "is_published" in instance.__dict__:
            instance._loaded_is_published = instance.is_published
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if (fields is None or "is_published" in fields) and "is_published" in self.__dict__:
            self._loaded_is_published = self.is_published

    def _was_published(self):
        if hasattr(self, "_loaded_is_published"):
            return self._loaded_is_published
        if self.pk is None:
            return False
        # Made without loading (e.g. reverted from its history) but stored: ask the database.
        return type(self)._base_manager.filter(pk=self.pk, is_published=True).exists()
