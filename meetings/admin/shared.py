"""What the meetings admin's screens share: the rows a user may edit, and choices kept to them."""

from django.contrib import admin

from editors import roles

from ..models import AgendaItem, Committee


def editable_ids(user, model):
    """The primary keys of the rows of a model that the user may edit, read once per request."""
    return roles.cached(
        user,
        f"_editable_{model._meta.label_lower}_ids",
        lambda: set(model.objects.editable_by(user).values_list("pk", flat=True)),
    )


class CommitteeFilter(admin.RelatedFieldListFilter):
    """Committees named with their municipality, fetched in one query, and only one's own."""

    def field_choices(self, field, request, model_admin):
        committees = Committee.objects.editable_by(request.user).select_related("municipality")
        return [(committee.pk, str(committee)) for committee in committees]


def limit_to_meeting(formset, field_name, meeting):
    field = formset.form.base_fields.get(field_name)
    if field is not None:
        field.queryset = AgendaItem.objects.filter(meeting=meeting) if meeting else AgendaItem.objects.none()


class ItemsOfThisMeetingMixin:
    """An inline on a meeting whose agenda-item choice offers only that meeting's items."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        limit_to_meeting(formset, "agenda_item", obj)
        return formset
