"""Keeping OParl's `modified` and tombstones true when the meetings and the register change.

A signal, since these react to another app's models (style.md). Each save or delete of a meeting,
an agenda item, an attendance or a document:
- notes the OParl objects it takes out of the public, or brings back (tombstones.Change);
- for a sub-object (agenda item, attendance, document), moves its meeting's `modified`, since the
  Meeting object embeds it (OParl 1.1: deleting a sub-object updates its main object's `modified`).
A committee, a network, its bodies and a municipality leave a tombstone when deleted.
"""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone

from meetings.models import AgendaItem, Attendance, Committee, Document, Meeting
from trials.models import Municipality, Network, OrganisationBody

from . import tombstones
from .models import DeletedObject

WATCHED = (Meeting, AgendaItem, Attendance, Document)


def candidates_of(instance):
    if isinstance(instance, Meeting):
        return tombstones.Candidates.of_meetings([instance.pk])
    if isinstance(instance, AgendaItem):
        return tombstones.Candidates.of_item(instance)
    if isinstance(instance, Attendance):
        body = Meeting.objects.filter(pk=instance.meeting_id).values_list("committee__municipality__slug", flat=True)
        return tombstones.Candidates(persons=[(slug, instance.name) for slug in body])
    return tombstones.Candidates(documents=[instance.pk])


def meeting_of(instance):
    if isinstance(instance, Meeting):
        return None
    if isinstance(instance, Document):
        if instance.meeting_id:
            return instance.meeting_id
        return AgendaItem.objects.filter(pk=instance.agenda_item_id).values_list("meeting", flat=True).first()
    return instance.meeting_id


def before_change(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or getattr(instance, "_withheld", False):
        return
    instance._oparl_change = tombstones.Change(candidates_of(instance))


def after_change(sender, instance, raw=False, **kwargs):
    if raw:
        return
    change = instance.__dict__.pop("_oparl_change", None)
    if change is None:
        # A new record: what it brings back loses its tombstone.
        change = tombstones.Change(tombstones.Candidates())
        change.candidates = candidates_of(instance)
    change.done()
    meeting = meeting_of(instance)
    if meeting is not None:
        Meeting.objects.filter(pk=meeting).update(modified=timezone.now())


for model in WATCHED:
    pre_save.connect(before_change, sender=model, dispatch_uid=f"oparl_pre_save_{model.__name__}")
    post_save.connect(after_change, sender=model, dispatch_uid=f"oparl_post_save_{model.__name__}")
    pre_delete.connect(before_change, sender=model, dispatch_uid=f"oparl_pre_delete_{model.__name__}")
    post_delete.connect(after_change, sender=model, dispatch_uid=f"oparl_post_delete_{model.__name__}")


@receiver(post_delete, sender=Committee, dispatch_uid="oparl_committee_deleted")
def committee_deleted(sender, instance, **kwargs):
    tombstones.bury(
        DeletedObject.Kind.ORGANIZATION,
        tombstones.path("committee", slug=instance.slug),
        Municipality.objects.filter(pk=instance.municipality_id).values_list("slug", flat=True).first() or "",
        instance.created,
    )


@receiver(post_delete, sender=Network, dispatch_uid="oparl_network_deleted")
def network_deleted(sender, instance, **kwargs):
    body = Municipality.objects.filter(pk=instance.lead_municipality_id).values_list("slug", flat=True).first()
    tombstones.bury(
        DeletedObject.Kind.ORGANIZATION, tombstones.path("network", slug=instance.slug), body or "", instance.created
    )


@receiver(pre_delete, sender=OrganisationBody, dispatch_uid="oparl_group_deleting")
def group_deleting(sender, instance, **kwargs):
    instance._oparl_body = (
        Network.objects.filter(pk=instance.network_id).values_list("lead_municipality__slug", flat=True).first() or ""
    )


@receiver(post_delete, sender=OrganisationBody, dispatch_uid="oparl_group_deleted")
def group_deleted(sender, instance, **kwargs):
    body = getattr(instance, "_oparl_body", "")
    tombstones.bury(DeletedObject.Kind.ORGANIZATION, tombstones.path("group", pk=instance.pk), body, instance.created)


@receiver(post_delete, sender=Municipality, dispatch_uid="oparl_municipality_deleted")
def municipality_deleted(sender, instance, **kwargs):
    tombstones.bury(DeletedObject.Kind.BODY, tombstones.path("body", body=instance.slug), "", instance.created)
