"""What marks an object as synthetic, what is the fixtures', and how to remove the synthetic data again."""

from collections import defaultdict

from django.db import transaction
from django.db.models import Q

from meetings import models as m
from news import models as n
from trials import models as t

from .text import _fixture_objects

SLUG_PREFIX = "syn-"
NAME_SUFFIX = " (syntetisk)"

_SYN = SLUG_PREFIX
# For each model of the register and the proceedings: the lookup that says an object is synthetic.
# Objects without a slug of their own are synthetic through the object they belong to.
SYNTHETIC = {
    t.Programme: Q(slug__startswith=_SYN),
    t.Municipality: Q(slug__startswith=_SYN),
    t.Organisation: Q(slug__startswith=_SYN),
    t.Network: Q(slug__startswith=_SYN),
    t.NetworkMembership: Q(network__slug__startswith=_SYN) | Q(municipality__slug__startswith=_SYN),
    t.ApplicationRound: Q(network__slug__startswith=_SYN),
    t.Trial: Q(slug__startswith=_SYN),
    t.Participation: Q(trial__slug__startswith=_SYN) | Q(municipality__slug__startswith=_SYN),
    t.Exemption: Q(trial__slug__startswith=_SYN),
    t.Evaluation: Q(trial__slug__startswith=_SYN),
    t.OrganisationBody: Q(network__slug__startswith=_SYN) | Q(trial__slug__startswith=_SYN),
    t.Source: Q(pk__in=[]),
    t.GlossaryTerm: Q(pk__in=[]),
    n.NewsItem: Q(pk__in=[]),
    m.Committee: Q(slug__startswith=_SYN) | Q(municipality__slug__startswith=_SYN),
    m.Meeting: Q(committee__slug__startswith=_SYN),
    m.Attendance: Q(meeting__committee__slug__startswith=_SYN),
    m.AgendaItem: Q(meeting__committee__slug__startswith=_SYN),
    m.CommitteeDecision: Q(committee__slug__startswith=_SYN),
    m.Document: Q(title__endswith=NAME_SUFFIX) | Q(meeting__committee__slug__startswith=_SYN),
}


def synthetic(model):
    """The synthetic objects of this model."""
    return model.objects.filter(SYNTHETIC[model])


def fixture_keys():
    """{model: {pk: slug or None}} for every object in fixtures/*.yaml."""
    keys = defaultdict(dict)
    for obj in _fixture_objects():
        keys[obj["model"]][obj["pk"]] = obj.get("fields", {}).get("slug")
    return keys


def foreign_objects():
    """{model label: count} of objects that are neither the fixtures' nor synthetic.

    An object is the fixtures' when a fixture has its pk (and, for a model with a slug, its slug).
    Users and the editor roles tied to them are left out: they do not change what is measured.
    """
    keys = fixture_keys()
    found = {}
    for model, is_synthetic in SYNTHETIC.items():
        known = keys.get(model._meta.label_lower, {})
        others = model.objects.exclude(is_synthetic)
        count = others.exclude(pk__in=known).count()
        slugs = {slug for slug in known.values() if slug}
        if slugs:
            count += others.filter(pk__in=known).exclude(slug__in=slugs).count()
        if count:
            found[model._meta.label] = count
    return found


# Children before parents, so no foreign key points at a deleted row.
_DELETE_ORDER = [
    m.Attendance,
    m.Document,
    m.CommitteeDecision,
    m.AgendaItem,
    m.Meeting,
    m.Committee,
    t.Evaluation,
    t.Exemption,
    t.Participation,
    t.OrganisationBody,
    t.Trial,
    t.ApplicationRound,
    t.NetworkMembership,
    t.Network,
    t.Organisation,
    t.Municipality,
    t.Programme,
]


def _through_rows():
    """The many-to-many rows that touch a synthetic object."""
    item, decision, trial = "agendaitem", "committeedecision", "trial"
    syn_trial = Q(trial__slug__startswith=_SYN)
    yield m.AgendaItem.trials.through, Q(**{f"{item}__meeting__committee__slug__startswith": _SYN}) | syn_trial
    yield m.CommitteeDecision.trials.through, Q(**{f"{decision}__committee__slug__startswith": _SYN}) | syn_trial
    document_is_synthetic = Q(document__title__endswith=NAME_SUFFIX) | Q(
        document__meeting__committee__slug__startswith=_SYN
    )
    yield m.Document.trials.through, document_is_synthetic | syn_trial
    yield m.Document.news_items.through, document_is_synthetic
    yield n.NewsItem.trials.through, Q(**{f"{trial}__slug__startswith": _SYN})


@transaction.atomic
def flush_synthetic():
    """Delete every synthetic object; returns {model label: rows deleted}.

    Deletes with plain SQL (QuerySet._raw_delete): the ORM's delete would load each of the
    100,000 agenda items and write a history record for it.
    """
    deleted = {}
    for through, condition in _through_rows():
        deleted[through._meta.label] = through.objects.filter(condition)._raw_delete(through.objects.db)
    items = synthetic(m.AgendaItem).values("pk")
    t.Source.objects.filter(agenda_item__in=items).update(agenda_item=None)
    m.Attendance.objects.filter(agenda_item__in=items).update(agenda_item=None)
    for model in (m.CommitteeSecretary, t.MunicipalCoordinator):
        field = "committee" if model is m.CommitteeSecretary else "municipality"
        model.objects.filter(**{f"{field}__slug__startswith": _SYN}).delete()
    for model in _DELETE_ORDER:
        deleted[model._meta.label] = synthetic(model)._raw_delete(model.objects.db)
    return {label: count for label, count in deleted.items() if count}
