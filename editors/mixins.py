"""Admin mixins the register and the meetings share: scope per editor, history with revert, publishing."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin


class ScopedAdminMixin:
    """Limits an admin to the objects a user's role covers, in lists and in every object view.

    Subclasses say which rows a user may see (`scope_queryset`) and, when it differs, which
    they may change (`can_edit`). An object outside the scope gives 403 on its URLs.
    """

    def scope_queryset(self, request, queryset):
        return queryset

    def can_edit(self, request, obj):
        return True

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
                raise PermissionDenied
        return obj

    def _in_scope(self, request, obj):
        return self.get_queryset(request).filter(pk=obj.pk).exists()

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
                obj.save(update_fields=["is_published"])
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
