"""What OParl needs beyond the register and the meetings: the tombstones of objects harvesters have lost."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DeletedObject(models.Model):
    """An OParl object that was public and is no longer: deleted, withdrawn to a draft, or closed.

    OParl's harvesters sync by `modified_since`; a row here is served at the object's address and in
    its body's list as `{"id", "type", "created", "modified", "deleted": true}`. It is removed when the
    object becomes public again.
    """

    class Kind(models.TextChoices):
        BODY = "Body", "Body"
        ORGANIZATION = "Organization", "Organization"
        PERSON = "Person", "Person"
        MEETING = "Meeting", "Meeting"
        PAPER = "Paper", "Paper"
        FILE = "File", "File"

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    path = models.CharField(_("adresse"), max_length=500, unique=True, help_text=_("Objektets sti under /api/oparl/."))
    body = models.CharField(_("kommune"), max_length=100, blank=True, help_text=_("Kortnavnet på kommunen (Body)."))
    created = models.DateTimeField(_("oprettet"))
    deleted_at = models.DateTimeField(_("slettet"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["deleted_at", "pk"]
        verbose_name = _("slettet OParl-objekt")
        verbose_name_plural = _("slettede OParl-objekter")
        indexes = [models.Index(fields=["kind", "body", "deleted_at"], name="oparl_deleted_by_list")]

    def __str__(self):
        return f"{self.kind} {self.path}"
