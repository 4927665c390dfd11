"""`manage.py loaddata`, Django's own, with the search index written once at the end of the load
(indexing.deferred), in the load's transaction, instead of once per object saved."""

from django.core.management.commands import loaddata

from search.indexing import deferred


class Command(loaddata.Command):
    def loaddata(self, fixture_labels):
        with deferred():
            super().loaddata(fixture_labels)
