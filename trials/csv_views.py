"""The register's lists as CSV files, filtered as the list pages are (trials.filtering)."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from .csvexport import csv_response
from .filtering import TrialQuery
from .models import Municipality, Participation, Trial


def _trials(request):
    return TrialQuery(request.GET).trials(
        Trial.objects.select_related("application_round__network").with_participations()
    )


def trials_csv(request):
    """/forsoeg.csv: the trials the trial list shows for the same query string, one a row."""
    header = [
        _("Titel"),
        _("Netværk"),
        _("Ansøgningsrunde"),
        _("Nummer i runden"),
        _("Status"),
        _("Fritagelsen gælder"),
        _("Ansøgende kommuner"),
        _("Senere tilsluttede kommuner"),
        _("Adresse"),
    ]

    def municipalities(trial, kind):
        return ", ".join(p.municipality.name for p in trial.participations.all() if p.kind == kind)

    rows = (
        [
            trial.title,
            trial.application_round.network.name,
            trial.application_round.number,
            trial.number_in_round,
            trial.get_status_display(),
            trial.get_exemption_scope_display(),
            municipalities(trial, Participation.Kind.APPLICANT),
            municipalities(trial, Participation.Kind.JOINED_LATER),
            request.build_absolute_uri(trial.get_absolute_url()),
        ]
        for trial in _trials(request)
    )
    return csv_response(request, "forsoeg.csv", header, rows)


def participations_csv(request):
    """/deltagelse.csv: which municipality takes part in which of those trials, and how; one a row."""
    header = [
        _("Forsøg"),
        _("Kommune"),
        _("Deltagelse"),
        _("Anført som"),
        _("Tilsluttet den"),
        _("Lokal opstart"),
        _("Adresse"),
    ]
    rows = (
        [
            trial.title,
            participation.municipality.name,
            participation.get_kind_display(),
            participation.listed_as,
            participation.joined_on,
            participation.local_start,
            request.build_absolute_uri(trial.get_absolute_url()),
        ]
        for trial in _trials(request)
        for participation in trial.participations.all()
    )
    return csv_response(request, "deltagelse.csv", header, rows)


def municipalities_csv(request):
    """/kommuner.csv: each municipality with the published trials it applied for and joined later."""
    published = Q(participations__trial__is_published=True)
    municipalities = Municipality.objects.annotate(
        applied_count=Count("participations", filter=published & Q(participations__kind=Participation.Kind.APPLICANT)),
        joined_count=Count(
            "participations", filter=published & Q(participations__kind=Participation.Kind.JOINED_LATER)
        ),
    ).order_by("name", "pk")
    header = [_("Kommune"), _("Ansøgt om forsøg"), _("Tilsluttet forsøg senere"), _("Adresse")]
    rows = (
        [m.name, m.applied_count, m.joined_count, request.build_absolute_uri(m.get_absolute_url())]
        for m in municipalities
    )
    return csv_response(request, "kommuner.csv", header, rows)
