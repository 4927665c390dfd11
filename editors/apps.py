from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorsConfig(AppConfig):
    """What the register's and the meetings' admins share: the editor roles and the admin mixins."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "editors"
    verbose_name = _("Redaktører")
