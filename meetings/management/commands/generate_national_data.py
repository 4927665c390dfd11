"""`manage.py generate_national_data`: synthetic data of national size, for measuring speed."""

import time

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from meetings.national_data import Counts, flush_synthetic, foreign_objects, generate

DEFAULTS = Counts()


class Command(BaseCommand):
    help = (
        "Fylder databasen med syntetiske data i landsstørrelse til målinger (slugs 'syn-…', navne '… (syntetisk)'). "
        "Erstatter tidligere syntetiske data; samme --seed giver samme data."
    )

    def add_arguments(self, parser):
        for name, default in vars(DEFAULTS).items():
            parser.add_argument(f"--{name.replace('_', '-')}", type=int, default=default, metavar="N")
        parser.add_argument("--seed", type=int, default=0, metavar="N", help="Samme frø giver samme data.")
        parser.add_argument(
            "--force", action="store_true", help="Kør også på en database med andet end fixtures og syntetiske data."
        )
        parser.add_argument(
            "--flush-synthetic",
            dest="flush_only",
            action="store_true",
            help="Slet kun de syntetiske data, og lav ingen nye.",
        )

    def handle(self, *args, seed, force, flush_only, **options):
        foreign = foreign_objects()
        if foreign and not force:
            found = ", ".join(f"{label}: {count}" for label, count in sorted(foreign.items()))
            raise CommandError(
                "Databasen rummer andet end fixtures og syntetiske data "
                f"({found}). Brug en database til målinger, eller --force."
            )
        if flush_only:
            deleted = flush_synthetic()
            self.stdout.write(f"Slettede {sum(deleted.values())} syntetiske rækker.")
            self.rebuild_search_index()
            return
        counts = Counts(**{name: options[name] for name in vars(DEFAULTS)})
        problems = counts.problems()
        if problems:
            raise CommandError("; ".join(problems))
        started = time.perf_counter()
        made = generate(counts, seed=seed, report=self.stdout.write)
        seconds = time.perf_counter() - started
        self.stdout.write(f"Syntetiske data (seed {seed}) på {seconds:.1f} s:")
        for name, rows in made.items():
            self.stdout.write(f"  {name:<24}{rows:>9}")
        self.rebuild_search_index()
        # Fresh planner statistics, so the first measurement does not run on plans made for empty tables.
        connection.cursor().execute("ANALYZE")

    def rebuild_search_index(self):
        """The data is made with bulk_create, which the search index does not hear about."""
        if apps.is_installed("search"):
            call_command("rebuild_search_index", stdout=self.stdout)
