"""Admin for which user is secretary of which committee."""

from django.contrib import admin

from ..models import CommitteeSecretary
from .shared import CommitteeFilter


@admin.register(CommitteeSecretary)
class CommitteeSecretaryAdmin(admin.ModelAdmin):
    list_display = ("user", "committee")
    list_filter = (("committee", CommitteeFilter),)
    list_select_related = ("user", "committee__municipality")
    search_fields = ("user__username", "user__first_name", "user__last_name", "committee__name")
    autocomplete_fields = ("user", "committee")
