from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """The network's news: written by the coordinators, not transcribed from the minutes."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "news"
    verbose_name = _("Nyheder")
