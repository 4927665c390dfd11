"""The committees' published decisions as a CSV file (trials.csvexport: Danish Excel, formulas defused)."""

from django.utils.translation import gettext as _

from trials.csvexport import csv_response

from .models import CommitteeDecision


def decisions_csv(request):
    """/beslutninger.csv: every public decision (never one of a closed item), newest first."""
    decisions = CommitteeDecision.objects.public().listed().with_public_trials().order_by("-decided_on", "pk")
    header = [_("Dato"), _("Udvalg"), _("Kommune"), _("Udfald"), _("Beslutning"), _("Forsøg"), _("Dagsordenspunkt")]
    rows = (
        [
            decision.decided_on,
            decision.committee.name,
            decision.committee.municipality.name,
            decision.get_outcome_display(),
            decision.text,
            ", ".join(trial.title for trial in decision.trials.all()),
            str(decision.agenda_item) if decision.agenda_item else "",
        ]
        for decision in decisions
    )
    return csv_response(request, "beslutninger.csv", header, rows)
