from django.apps import AppConfig


class OparlConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "oparl"
    verbose_name = "OParl"

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
