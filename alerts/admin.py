"""Subscriptions in the admin: superusers only, to look up and delete, never to add or change.

The addresses are private data that no editor role needs. A superuser may find an address (to answer
a question about it, or to erase it on request when its owner has lost the mails' links) and delete
its rows; subscriptions are only ever made by their owner following the confirmation link.
"""

from django.contrib import admin

from .models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ("email", "kind", "subject_label", "language", "confirmed_at", "last_sent_at")
    list_filter = ("kind", "language")
    list_select_related = ("trial", "municipality", "committee__municipality")
    search_fields = ("email",)
    # No full count of the table on every page, and no list of every address without a search.
    show_full_result_count = False

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
