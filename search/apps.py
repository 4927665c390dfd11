from django.apps import AppConfig
from django.db.backends.signals import connection_created


class SearchConfig(AppConfig):
    name = "search"

    def ready(self):
        from .backends import configure_session
        from .indexing import connect_signals

        # The index follows the other apps' models: the search reacts to their saves and deletes.
        connect_signals()
        connection_created.connect(configure_session, dispatch_uid="search-typo-threshold")
