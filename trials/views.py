"""Public pages of the register: trials, municipalities, rounds, organisation, glossary."""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView

from .forms import BY_MUNICIPALITIES, TrialFilterForm
from .models import (
    ApplicationRound,
    Evaluation,
    Exemption,
    GlossaryTerm,
    Municipality,
    Organisation,
    OrganisationBody,
    Participation,
    Trial,
)

# How many entries a list on a municipality's page shows at a time.
PER_PAGE = 50

SORT_ORDERS = {
    "runde": ["application_round__number", "number_in_round"],
    "titel": ["title"],
    "kommuner": ["-municipality_count", "title"],
}


def filter_trials(trials, filters, *, skip=None):
    """Apply the validated filters, all but ``skip`` (for counting the options of that filter)."""
    if "runde" in filters and skip != "runde":
        trials = trials.in_round(filters["runde"])
    if "kommune" in filters and skip != "kommune":
        trials = trials.in_municipality(filters["kommune"])
    if "status" in filters and skip != "status":
        trials = trials.with_status(filters["status"])
    if "evaluator" in filters and skip != "evaluator":
        evaluator = filters["evaluator"]
        trials = trials.evaluated_by(None if evaluator == BY_MUNICIPALITIES else evaluator)
    return trials.distinct()


def option_counts(trials, filters, name, key):
    """How many trials each option of one filter would give, with the other filters applied."""
    rows = filter_trials(trials, filters, skip=name).order_by().values(key).annotate(n=Count("pk", distinct=True))
    return {row[key]: row["n"] for row in rows}


class TrialList(ListView):
    template_name = "trials/trial_list.html"
    context_object_name = "trials"
    paginate_by = 50

    def get_queryset(self):
        self.form = TrialFilterForm.for_request(self.request.GET)
        self.filters = self.form.valid_filters()
        trials = filter_trials(Trial.objects.public(), self.filters)
        order = SORT_ORDERS[self.filters.get("sortering", "runde")]
        return (
            trials.with_municipality_count().select_related("application_round").with_participations().order_by(*order)
        )

    def get_context_data(self, **kwargs):
        published = Trial.objects.public()
        counts = {
            "runde": option_counts(published, self.filters, "runde", "application_round__number"),
            "kommune": option_counts(published, self.filters, "kommune", "participations__municipality__slug"),
            "status": option_counts(published, self.filters, "status", "status"),
            "evaluator": option_counts(published, self.filters, "evaluator", "evaluations__evaluator__slug"),
        }
        counts["evaluator"][BY_MUNICIPALITIES] = counts["evaluator"].pop(None, 0)
        facets = []
        for name, option_count in counts.items():
            field = self.form[name]
            selected = str(self.filters.get(name, ""))
            options = [
                {
                    "value": value,
                    "label": label,
                    "count": option_count.get(int(value) if name == "runde" else value, 0),
                    "selected": str(value) == selected,
                }
                for value, label in field.field.choices
            ]
            facets.append({"name": name, "label": field.label, "options": options})
        return super().get_context_data(
            form=self.form,
            filters=self.filters,
            facets=facets,
            sort_choices=TrialFilterForm.SORT_CHOICES,
            current_sort=self.filters.get("sortering", "runde"),
            municipalities=Municipality.objects.all(),
            total=published.count(),
            **kwargs,
        )


class TrialDetail(DetailView):
    template_name = "trials/trial_detail.html"
    context_object_name = "trial"

    def get_queryset(self):
        return (
            Trial.objects.public()
            .select_related(
                "application_round",
                "source__agenda_item__meeting__committee",
                "status_source__agenda_item__meeting__committee",
                "scope_source__agenda_item__meeting__committee",
            )
            .prefetch_related(
                Prefetch(
                    "participations",
                    queryset=Participation.objects.select_related(
                        "municipality", "source__agenda_item__meeting__committee"
                    ),
                ),
                Prefetch(
                    "exemptions",
                    queryset=Exemption.objects.select_related("source__agenda_item__meeting__committee"),
                ),
                Prefetch(
                    "evaluations",
                    queryset=Evaluation.objects.select_related("evaluator", "source__agenda_item__meeting__committee"),
                ),
                Prefetch(
                    "working_groups",
                    queryset=OrganisationBody.objects.select_related("source__agenda_item__meeting__committee"),
                ),
            )
        )

    def get_context_data(self, **kwargs):
        trial = self.object
        participations = list(trial.participations.all())
        exemptions = list(trial.exemptions.all())
        return super().get_context_data(
            applicants=[p for p in participations if p.kind == Participation.Kind.APPLICANT],
            joined_later=[p for p in participations if p.kind == Participation.Kind.JOINED_LATER],
            exemptions=exemptions,
            granted_count=sum(1 for e in exemptions if e.is_granted),
            **kwargs,
        )


class ParticipationDetail(DetailView):
    template_name = "trials/participation_detail.html"
    context_object_name = "participation"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Participation.objects.select_related("trial__application_round", "municipality", "source"),
            trial__slug=self.kwargs["slug"],
            trial__is_published=True,
            municipality__slug=self.kwargs["municipality"],
        )


class MunicipalityList(ListView):
    template_name = "trials/municipality_list.html"
    context_object_name = "municipalities"

    def get_queryset(self):
        published = Q(participations__trial__is_published=True)
        return Municipality.objects.annotate(
            applied_count=Count(
                "participations",
                filter=published & Q(participations__kind=Participation.Kind.APPLICANT),
            ),
            joined_count=Count(
                "participations",
                filter=published & Q(participations__kind=Participation.Kind.JOINED_LATER),
            ),
        )


class MunicipalityDetail(DetailView):
    template_name = "trials/municipality_detail.html"
    context_object_name = "municipality"
    queryset = Municipality.objects.all()

    def get_context_data(self, **kwargs):
        municipality = self.object
        trials = (
            Trial.objects.public()
            .select_related("application_round")
            .order_by("application_round__number", "number_in_round", "pk")
        )
        # Each list pages on its own; the committees' decisions are the template's to ask for
        # (its municipality_decisions tag, which pages them the same way).
        get = self.request.GET
        return super().get_context_data(
            applied_for=Paginator(trials.applied_for_by(municipality), PER_PAGE).get_page(get.get("ansoegt_side")),
            joined_later=Paginator(trials.joined_later_by(municipality), PER_PAGE).get_page(get.get("tilsluttet_side")),
            **kwargs,
        )


class RoundList(ListView):
    template_name = "trials/applicationround_list.html"
    context_object_name = "rounds"

    def get_queryset(self):
        return ApplicationRound.objects.select_related("network__programme").annotate(
            trial_count=Count("trials", filter=Q(trials__is_published=True))
        )

    def get_context_data(self, **kwargs):
        rounds = self.object_list
        network = rounds[0].network if rounds else None
        return super().get_context_data(totals=ApplicationRound.objects.totals(), network=network, **kwargs)


class RoundDetail(DetailView):
    template_name = "trials/applicationround_detail.html"
    context_object_name = "round"

    def get_object(self, queryset=None):
        rounds = ApplicationRound.objects.select_related("network", "source").filter(number=self.kwargs["number"])
        application_round = rounds.first()
        if application_round is None:
            raise Http404(_("Ansøgningsrunden findes ikke."))
        return application_round

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            trials=self.object.trials.public().with_municipality_count().with_participations(),
            **kwargs,
        )


class OrganisationList(ListView):
    """The network's project organisation: who owns, steers, follows and works on the trials."""

    template_name = "trials/organisation.html"
    context_object_name = "bodies"

    def get_queryset(self):
        return OrganisationBody.objects.select_related("network", "trial", "source")


class StakeholderList(ListView):
    template_name = "trials/stakeholder_list.html"
    context_object_name = "organisations"

    def get_queryset(self):
        return Organisation.objects.filter(is_stakeholder=True).select_related("source")


class Glossary(ListView):
    template_name = "trials/glossaryterm_list.html"
    context_object_name = "terms"
    queryset = GlossaryTerm.objects.select_related("source")
