"""`manage.py rebuild_search_index`: rebuild the stored search index from the sources, in bulk."""

import time

from django.core.management.base import BaseCommand
from django.db import connection

from search.indexing import rebuild


class Command(BaseCommand):
    help = "Genopbygger søgeindekset fra bunden (kun PostgreSQL; andre databaser søger uden indeks)."

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            self.stdout.write("Søgeindekset bruges kun på PostgreSQL; intet at gøre.")
            return
        started = time.perf_counter()
        entries = rebuild()
        self.stdout.write(f"Søgeindekset rummer {entries} rækker ({time.perf_counter() - started:.1f} s).")
