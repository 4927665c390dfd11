"""Atom feeds for one subject each: a trial, a municipality, a committee.

Each feed gathers what became public on its subject from several kinds of records (decisions, agenda
items, documents, news, participations, meetings), at most ENTRIES of each kind in one query each, and
keeps the ENTRIES newest of them all. A closed agenda item appears by its title only, and a draft never.
"""

import dataclasses
import datetime

from django.contrib.syndication.views import Feed
from django.db.models import DateField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from meetings.feeds import agenda_titles, as_datetime, decision_guid, decision_link, decision_title, newest_decisions
from meetings.models import AgendaItem, Committee, CommitteeDecision, Document
from news.models import NewsItem
from pagecache.feeds import DataDatedAtomFeed
from trials.models import Municipality, Participation, Trial

# How many entries a subject's feed holds (and how many of each kind it reads to choose them).
ENTRIES = 50


@dataclasses.dataclass(frozen=True)
class Entry:
    """One entry of a subject's feed, whatever record it comes from."""

    guid: str
    title: str
    link: str
    updated: datetime.datetime
    author: str
    description: str = ""


def newest(*kinds):
    """The ENTRIES newest entries of these lists, newest first (ties: by id, for a stable order)."""
    entries = [entry for kind in kinds for entry in kind]
    return sorted(entries, key=lambda entry: (entry.updated, entry.guid), reverse=True)[:ENTRIES]


def decision_entries(decisions):
    return [
        Entry(
            guid=decision_guid(decision),
            title=decision_title(decision),
            link=decision_link(decision),
            updated=as_datetime(decision.date),
            author=decision.committee.name,
            description=decision.text,
        )
        for decision in newest_decisions(decisions, ENTRIES)
        if decision.date is not None
    ]


def agenda_item_entries(items):
    """Agenda items of published meetings; a closed one by its title only, as AgendaItem.objects.public()
    gives it."""
    items = items.listed().order_by("-meeting__date", "-position", "-pk")[:ENTRIES]
    return [
        Entry(
            guid=f"urn:frikommuneportalen:punkt:{item.pk}",
            title=_("%(committee)s %(date)s: %(item)s")
            % {"committee": item.meeting.committee.name, "date": f"{item.meeting.date:%d.%m.%Y}", "item": item},
            link=item.get_absolute_url(),
            updated=as_datetime(item.meeting.date),
            author=item.meeting.committee.name,
            description=item.proposal,
        )
        for item in items
    ]


def document_entries(documents, fallback_link):
    """Public documents with a date: their own, else their meeting's. An undated one has no place in time.

    A document links to its file, or to fallback_link (the subject's page) when the file is withheld.
    """
    day = Coalesce("date", "meeting__date", "agenda_item__meeting__date", output_field=DateField())
    documents = (
        documents.annotate(day=day)
        .filter(day__isnull=False)
        .only("pk", "title", "kind", "file", "is_file_public", "date")
        .order_by("-day", "-pk")[:ENTRIES]
    )
    author = _("Frikommunenetværket i Nordjylland")
    return [
        Entry(
            guid=f"urn:frikommuneportalen:dokument:{document.pk}",
            title=f"{document.get_kind_display()}: {document.title}",
            link=document_link(document, fallback_link),
            updated=as_datetime(document.day),
            author=author,
        )
        for document in documents
    ]


def document_link(document, fallback):
    if document.is_downloadable:
        return reverse("meetings:document_download", kwargs={"pk": document.pk})
    return fallback


def news_entries(news_items):
    author = _("Frikommunenetværket i Nordjylland")
    return [
        Entry(
            guid=f"urn:frikommuneportalen:nyhed:{news_item.pk}",
            title=news_item.title,
            link=news_item.get_absolute_url(),
            updated=as_datetime(news_item.date),
            author=author,
            description=news_item.body,
        )
        for news_item in news_items.order_by("-date", "-pk")[:ENTRIES]
    ]


def participation_entries(participations):
    """Participations in published trials, dated by their last change (history), else the day a municipality
    joined; without either, they have no place in time."""
    history = Participation.history.model.objects.filter(id=OuterRef("pk")).order_by("-history_date")
    participations = (
        participations.filter(trial__in=Trial.objects.public())
        .select_related("trial", "municipality")
        .annotate(last_changed=Subquery(history.values("history_date")[:1]))
        .exclude(last_changed__isnull=True, joined_on__isnull=True)
        .order_by("-last_changed", "-joined_on", "-pk")[:ENTRIES]
    )
    entries = []
    for participation in participations:
        kind = participation.get_kind_display()
        entries.append(
            Entry(
                guid=f"urn:frikommuneportalen:deltagelse:{participation.pk}",
                title=_("%(municipality)s Kommune i forsøget “%(trial)s” (%(kind)s)")
                % {"municipality": participation.municipality, "trial": participation.trial, "kind": kind.lower()},
                link=participation.get_absolute_url(),
                updated=participation.last_changed or as_datetime(participation.joined_on),
                author=participation.municipality.name,
            )
        )
    return entries


def meeting_entries(meetings):
    """Published meetings with the titles of their agenda items (public even for a closed item)."""
    meetings = list(meetings.select_related("committee").order_by("-date", "-pk")[:ENTRIES])
    agendas = agenda_titles([meeting.pk for meeting in meetings]) if meetings else {}
    entries = []
    for meeting in meetings:
        title = _("Møde i %(committee)s %(date)s") % {
            "committee": meeting.committee.name,
            "date": f"{meeting.date:%d.%m.%Y}",
        }
        if meeting.state == meeting.State.CANCELLED:
            title = f"{title} ({meeting.get_state_display().lower()})"
        agenda = agendas.get(meeting.pk)
        entries.append(
            Entry(
                guid=f"urn:frikommuneportalen:moede:{meeting.pk}",
                title=title,
                link=meeting.get_absolute_url(),
                updated=as_datetime(meeting.date),
                author=meeting.committee.name,
                description="\n".join([_("Dagsorden:"), *agenda]) if agenda else "",
            )
        )
    return entries


class SubjectFeed(Feed):
    """A feed of Entry objects about one subject (get_object), 404 for an unknown or unpublished one."""

    feed_type = DataDatedAtomFeed
    author_name = gettext_lazy("Frikommuneportalen")
    item_guid_is_permalink = False

    def link(self, subject):
        return subject.get_absolute_url()

    def item_title(self, entry):
        return entry.title

    def item_description(self, entry):
        return entry.description

    def item_link(self, entry):
        return entry.link

    def item_guid(self, entry):
        return entry.guid

    def item_author_name(self, entry):
        return entry.author

    def item_updateddate(self, entry):
        return entry.updated

    def item_pubdate(self, entry):
        return entry.updated


class TrialFeed(SubjectFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Trial.objects.public().only("pk", "slug", "title"), slug=slug)

    def title(self, trial):
        return _("Frikommuneportalen: %(trial)s") % {"trial": trial.title}

    def subtitle(self, trial):
        return _("Beslutninger, dagsordenspunkter, dokumenter og nyheder om forsøget.")

    def items(self, trial):
        return newest(
            decision_entries(CommitteeDecision.objects.public().concerning(trial)),
            # Open items only: which trials a closed item concerns is withheld with its text.
            agenda_item_entries(AgendaItem.objects.public().open().concerning(trial)),
            document_entries(Document.objects.public().concerning(trial), trial.get_absolute_url()),
            news_entries(NewsItem.objects.public().filter(trials=trial)),
        )


class MunicipalityFeed(SubjectFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Municipality, slug=slug)

    def title(self, municipality):
        return _("Frikommuneportalen: %(municipality)s Kommune") % {"municipality": municipality.name}

    def subtitle(self, municipality):
        return _("Udvalgenes beslutninger og kommunens deltagelse i frikommuneforsøgene.")

    def items(self, municipality):
        return newest(
            decision_entries(CommitteeDecision.objects.public().of_municipality(municipality)),
            participation_entries(Participation.objects.filter(municipality=municipality)),
        )


class CommitteeFeed(SubjectFeed):
    def get_object(self, request, committee):
        return get_object_or_404(Committee.objects.select_related("municipality"), slug=committee)

    def title(self, committee):
        return _("Frikommuneportalen: %(committee)s") % {"committee": committee}

    def subtitle(self, committee):
        return _("Udvalgets offentliggjorte møder og beslutninger.")

    def items(self, committee):
        return newest(
            meeting_entries(committee.meetings.public()),
            decision_entries(CommitteeDecision.objects.public().filter(committee=committee)),
        )
