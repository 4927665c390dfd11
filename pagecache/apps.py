from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "Page cache"

    def ready(self):
        from .triggers import install_triggers

        # After every `migrate` (and every test database's creation and flush): put the triggers on
        # the page apps' tables, new ones included, and count the migration itself as a change.
        post_migrate.connect(install_triggers, sender=self, dispatch_uid="pagecache_install_triggers")
