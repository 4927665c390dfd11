"""Admin for the network's news, kept by the network coordinators."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from editors.mixins import PublishActionsMixin

from .models import NewsItem


@admin.register(NewsItem)
class NewsItemAdmin(PublishActionsMixin, SimpleHistoryAdmin):
    list_display = ("title", "date", "is_published", "created_by")
    list_filter = ("is_published", "date", "trials")
    list_select_related = ("created_by",)
    search_fields = ("title", "body")
    date_hierarchy = "date"
    prepopulated_fields = {"slug": ("title",)}
    autocomplete_fields = ("trials",)
    readonly_fields = ("created_by",)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
