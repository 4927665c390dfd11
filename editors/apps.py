from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorsConfig(AppConfig):
    """What the register's and the meetings' admins share: the editor roles and the admin mixins."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editors"
    verbose_name = _("Redaktører")

    def ready(self):
        from django.contrib import admin

        # The admin in the portal's name, for the editors who work in it.
        admin.site.site_header = _("Frikommuneportalen – redigering")
        admin.site.site_title = _("Frikommuneportalen – redigering")
        admin.site.index_title = _("Redigering")
