"""Synthetic data of national size for measuring the portal: 98 municipalities, 100,000 agenda items.

Every object is marked (slugs start with "syn-", names and titles end in " (syntetisk)", or it belongs
to such an object), is never written to fixtures/, and the same seed gives the same data.
"""

import random
import time
from dataclasses import asdict, dataclass

from django.db import transaction

from meetings import models as m
from trials import models as t

from . import proceedings, register
from .markers import NAME_SUFFIX, SLUG_PREFIX, flush_synthetic, foreign_objects, synthetic
from .text import Words

__all__ = ["Counts", "generate", "flush_synthetic", "foreign_objects", "synthetic", "NAME_SUFFIX", "SLUG_PREFIX"]

ROUNDS_PER_NETWORK = 3


@dataclass(frozen=True)
class Counts:
    """How much to make; the defaults are the size of the whole country."""

    municipalities: int = 98
    networks: int = 20
    trials: int = 2_000
    committees: int = 300
    meetings: int = 5_000
    agenda_items: int = 100_000
    decisions: int = 20_000
    documents: int = 2_000

    def problems(self):
        """Why these counts cannot be made together (Danish, for the command's error)."""
        needs = [
            ("networks", "municipalities"),
            ("committees", "municipalities"),
            ("trials", "networks"),
            ("meetings", "committees"),
            ("agenda_items", "meetings"),
            ("decisions", "agenda_items"),
            ("decisions", "trials"),
        ]
        found = [
            f"--{a.replace('_', '-')} kræver mindst én af --{b.replace('_', '-')}"
            for a, b in needs
            if getattr(self, a) and not getattr(self, b)
        ]
        found += [
            f"--{name.replace('_', '-')} kan ikke være negativ" for name, value in asdict(self).items() if value < 0
        ]
        if self.committees and self.meetings > self.committees * proceedings.MEETING_SPAN_DAYS:
            found.append(f"højst {proceedings.MEETING_SPAN_DAYS} møder pr. udvalg")
        return found


def _noop(message):
    pass


@transaction.atomic
def generate(counts=Counts(), seed=0, report=_noop):
    """Replace the synthetic data with new data from `seed`; returns {what: rows} of what was made.

    Call foreign_objects() first when the database must hold only fixtures and synthetic data.
    """
    started = time.perf_counter()

    def step(message):
        report(f"{time.perf_counter() - started:7.1f} s  {message}")

    flushed = flush_synthetic()
    if flushed:
        step(f"slettede tidligere syntetiske data ({sum(flushed.values())} rækker)")
    rng = random.Random(seed)
    words = Words(rng)
    start = register.base_date(rng)
    programme = register.create_programme(start)
    municipalities = register.create_municipalities(rng, counts.municipalities)
    organisations = register.create_organisations(rng, words)
    networks = register.create_networks(rng, words, counts.networks, programme, municipalities, start)
    step(f"{len(municipalities)} kommuner, {len(networks)} netværk")
    trials_per_round = register.spread(rng, counts.trials, len(networks) * ROUNDS_PER_NETWORK) if networks else []
    rounds = register.create_rounds(rng, networks, trials_per_round, start, ROUNDS_PER_NETWORK)
    trials = register.create_trials(rng, words, rounds, trials_per_round)
    trials_by_municipality = register.create_trial_details(rng, words, trials, organisations)
    trial_pks = [trial for trial, _deadline, _group in trials]
    step(f"{len(rounds)} ansøgningsrunder, {len(trials)} forsøg med deltagelser, undtagelser og evalueringer")
    committees = proceedings.create_committees(rng, counts.committees, municipalities)
    meetings = proceedings.create_meetings(rng, words, counts.meetings, committees, start)
    step(f"{len(committees)} udvalg, {len(meetings)} møder med deltagere")
    items = proceedings.create_agenda_items(rng, words, counts.agenda_items, meetings, step)
    step(f"{len(items.pks)} dagsordenspunkter, heraf {sum(items.closed)} lukkede")
    proceedings.create_decisions(
        rng, words, counts.decisions, items, meetings, committees, trials_by_municipality, trial_pks
    )
    step(f"{counts.decisions} beslutninger knyttet til forsøg")
    proceedings.create_documents(rng, words, counts.documents, items, meetings, trial_pks)
    step(f"{counts.documents} dokumenter med tekst")
    return synthetic_counts()


SUMMARY_MODELS = [
    t.Programme,
    t.Municipality,
    t.Organisation,
    t.Network,
    t.NetworkMembership,
    t.ApplicationRound,
    t.Trial,
    t.Participation,
    t.Exemption,
    t.Evaluation,
    m.Committee,
    m.Meeting,
    m.Attendance,
    m.AgendaItem,
    m.CommitteeDecision,
    m.Document,
]


def synthetic_counts():
    """{model's plural name: rows} of the synthetic data now in the database."""
    return {str(model._meta.verbose_name_plural): synthetic(model).count() for model in SUMMARY_MODELS}
