"""Committee proceedings on the register's and the news pages: what the public may see of them, in a fixed number
of queries."""

from django import template
from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects

from meetings.models import AgendaItem, CommitteeDecision, Document
from trials.models import Trial

register = template.Library()

# How many decisions a municipality's page, and evaluation documents the knowledge-sharing page, show at a time.
PER_PAGE = 50


@register.inclusion_tag("meetings/includes/trial_proceedings.html", takes_context=True)
def trial_proceedings(context, trial):
    """The public agenda items and decisions that concern a trial.

    A closed item is left out: which trials it concerns is part of what it keeps from the public.
    """
    return {
        "agenda_items": list(AgendaItem.objects.public().open().concerning(trial).listed()),
        "decisions": list(CommitteeDecision.objects.public().concerning(trial).listed()),
        "glossary_terms": context.get("glossary_terms"),
    }


@register.inclusion_tag("meetings/includes/participation_proceedings.html", takes_context=True)
def participation_proceedings(context, participation):
    """The public agenda items and decisions of the municipality's own committees on the trial."""
    trial, municipality = participation.trial, participation.municipality
    return {
        "municipality": municipality,
        "agenda_items": list(
            AgendaItem.objects.public()
            .open()
            .concerning(trial)
            .filter(meeting__committee__municipality=municipality)
            .listed()
        ),
        "decisions": list(CommitteeDecision.objects.public().concerning(trial).made_in(municipality).listed()),
        "glossary_terms": context.get("glossary_terms"),
    }


@register.inclusion_tag("meetings/includes/trial_documents.html")
def trial_documents(trial):
    """The public documents about a trial, but its evaluations' reports, which the evaluations show."""
    return {"documents": list(Document.objects.public().concerning(trial).exclude(evaluation__trial=trial))}


@register.simple_tag
def with_public_reports(evaluations):
    """The evaluations, each with `public_reports`: its public report documents, read in one query for all."""
    evaluations = list(evaluations)
    prefetch_related_objects(
        evaluations,
        Prefetch(
            "reports",
            queryset=Document.objects.public().order_by("-date", "title", "pk"),
            to_attr="public_reports",
        ),
    )
    return evaluations


@register.inclusion_tag("meetings/includes/municipality_decisions.html", takes_context=True)
def municipality_decisions(context, municipality):
    """The public decisions about trials that the municipality's committees made, a page at a time."""
    decisions = CommitteeDecision.objects.public().made_in(municipality).about_trials().listed().with_public_trials()
    page = Paginator(decisions, PER_PAGE).get_page(context.request.GET.get("beslutninger_side"))
    return {"decisions": page, "glossary_terms": context.get("glossary_terms")}


@register.inclusion_tag("meetings/includes/evaluation_documents.html", takes_context=True)
def evaluation_documents(context):
    """The public evaluation designs and reports, with their public trials (on the knowledge-sharing page),
    a page at a time."""
    documents = (
        Document.objects.public()
        .filter(kind__in=(Document.Kind.EVALUATION_DESIGN, Document.Kind.EVALUATION_REPORT))
        .prefetch_related(Prefetch("trials", queryset=Trial.objects.public()))
        .order_by("kind", "-date", "title", "pk")
    )
    page = Paginator(documents, PER_PAGE).get_page(context.request.GET.get("dokumenter_side"))
    return {"documents": page}
