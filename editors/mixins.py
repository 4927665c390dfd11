"""Admin mixins the register and the meetings share: scope per editor, history with revert, publishing."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from trials.models import save_fields_with_modified


class EditableChoicesMixin:
    """Offers in a foreign-key or many-to-many field only the rows the user may edit.

    It applies to every field whose related model's QuerySet answers `editable_by(user)`; the
    fields named in `unscoped_choices` offer every row (secretaries link items to any trial).
    """

    unscoped_choices = ()

    def limit_to_editable(self, db_field, request, kwargs):
        manager = db_field.remote_field.model._default_manager
        if "queryset" not in kwargs and db_field.name not in self.unscoped_choices and hasattr(manager, "editable_by"):
            kwargs["queryset"] = manager.editable_by(request.user)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        self.limit_to_editable(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        self.limit_to_editable(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedAdminMixin(EditableChoicesMixin):
    """Limits an admin to the rows the user may edit (`Model.objects.editable_by(user)`), in lists,
    in every object view and in the choices of its related fields.

    An admin whose users may see more than they edit widens `scope_queryset` and narrows
    `can_edit`. An object outside the scope gives 403 on its URLs.
    """

    def scope_queryset(self, request, queryset):
        """The rows the user sees: those they may edit, unless an admin says otherwise."""
        return queryset.editable_by(request.user)

    def can_edit(self, request, obj):
        """Whether the user may change an object they see."""
        return True

    def is_editable(self, request, obj):
        return self._contains(request, "editable", self.model._default_manager.editable_by(request.user), obj)

    def get_queryset(self, request):
        return self.scope_queryset(request, super().get_queryset(request))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None and from_field is None:
            try:
                exists = self.model._default_manager.filter(pk=object_id).exists()
            except (ValueError, ValidationError):
                exists = False
            if exists:
                # It exists, but belongs to another municipality or committee.
                raise PermissionDenied(
                    _("%(name)s hører under en anden kommune eller et andet udvalg end dem, du redigerer for.")
                    % {"name": capfirst(self.model._meta.verbose_name)}
                )
        return obj

    def _contains(self, request, scope, queryset, obj):
        # A page asks about the same object several times (view, change, delete, revert): once
        # per request is enough.
        answers = request.__dict__.setdefault("_editor_scope_answers", {})
        key = (scope, self.model._meta.label, obj.pk)
        if key not in answers:
            answers[key] = queryset.filter(pk=obj.pk).exists()
        return answers[key]

    def _in_scope(self, request, obj):
        return self._contains(request, "seen", self.scope_queryset(request, self.model._default_manager.all()), obj)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or self._in_scope(request, obj))

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or (self._in_scope(request, obj) and self.can_edit(request, obj)))

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or (self._in_scope(request, obj) and self.can_edit(request, obj)))


class HistoryAdmin(ScopedAdminMixin, SimpleHistoryAdmin):
    """A scoped admin with simple-history's history and revert, reverting only for editors.

    simple-history lets anyone who may *view* an object POST to its revert form; here a
    revert needs the right to change the object and all its fields.
    """

    def revert_disabled(self, request, obj=None):
        # A revert writes every field of the old version back, so it is for those who may
        # edit every field.
        return (
            super().revert_disabled(request, obj)
            or not self.has_change_permission(request, obj)
            or bool(self.get_readonly_fields(request, obj))
        )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            obj = self.get_object(request, object_id)
            if obj is None or self.revert_disabled(request, obj):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


class PublishActionsMixin:
    """Actions to publish or withdraw the selected objects (draft/published)."""

    actions = ("publish_selected", "unpublish_selected")

    def has_publish_permission(self, request):
        return self.has_change_permission(request)

    def can_publish(self, request, obj):
        """Whether the user may publish or withdraw this object."""
        return self.has_change_permission(request, obj)

    def _set_published(self, request, queryset, value):
        count = 0
        for obj in queryset:
            if obj.is_published != value and self.can_publish(request, obj):
                obj.is_published = value
                obj._history_user = request.user
                obj.save(update_fields=save_fields_with_modified(obj, ["is_published"]))
                count += 1
        message = (
            ngettext("%(count)d offentliggjort.", "%(count)d offentliggjort.", count)
            if value
            else ngettext("%(count)d gjort til kladde.", "%(count)d gjort til kladder.", count)
        )
        self.message_user(request, message % {"count": count}, messages.SUCCESS)

    @admin.action(description=_("Offentliggør de valgte"), permissions=["publish"])
    def publish_selected(self, request, queryset):
        self._set_published(request, queryset, True)

    @admin.action(description=_("Gør de valgte til kladder (skjul dem)"), permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        self._set_published(request, queryset, False)
