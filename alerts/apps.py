from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "alerts"
    verbose_name = _("E-mail-abonnementer")

    def ready(self):
        from . import checks  # noqa: F401 (registers the deploy check)
