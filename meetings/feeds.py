"""Feeds for the committees' work: Atom for new decisions, iCalendar for meetings."""

import datetime

import icalendar
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AgendaItem, Committee, CommitteeDecision, Meeting


class DecisionFeed(Feed):
    """The committees' latest published decisions; a closed item's decision never appears."""

    feed_type = Atom1Feed
    title = gettext_lazy("Frikommuneportalen: nye beslutninger")
    subtitle = gettext_lazy("Udvalgenes beslutninger om frikommuneforsøgene.")

    def link(self):
        return reverse("meetings:meeting_list")

    def items(self):
        return (
            CommitteeDecision.objects.public()
            .select_related("committee", "agenda_item__meeting__committee")
            .only(
                "pk",
                "text",
                "outcome",
                "decided_on",
                "committee__name",
                "committee__slug",
                *(f"agenda_item__{name}" for name in AgendaItem.PUBLIC_FIELDS_WHEN_CLOSED),
                "agenda_item__meeting__date",
                "agenda_item__meeting__is_published",
                "agenda_item__meeting__committee__slug",
                "agenda_item__meeting__committee__name",
            )
            .annotate(date=Coalesce("decided_on", "agenda_item__meeting__date"))
            .order_by("-date", "-pk")[:50]
        )

    def item_title(self, decision):
        if decision.agenda_item:
            return f"{decision.committee.name}: {decision.agenda_item} – {decision.get_outcome_display()}"
        return f"{decision.committee.name}: {decision.get_outcome_display()}"

    def item_description(self, decision):
        return decision.text

    def item_link(self, decision):
        if decision.agenda_item:
            return f"{decision.agenda_item.meeting.get_absolute_url()}#beslutning-{decision.pk}"
        return decision.committee.get_absolute_url()

    def item_guid(self, decision):
        return f"urn:frikommuneportalen:beslutning:{decision.pk}"

    item_guid_is_permalink = False

    def item_updateddate(self, decision):
        return _as_datetime(decision.date)

    def item_pubdate(self, decision):
        return _as_datetime(decision.date)


def _as_datetime(date):
    if date is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


def _utc(date, time):
    return timezone.make_aware(datetime.datetime.combine(date, time)).astimezone(datetime.UTC)


def meeting_event(meeting, url, stamp):
    """One VEVENT for a published meeting; of its agenda only the item titles, which are public."""
    event = icalendar.Event()
    event.add("uid", f"moede-{meeting.pk}@frikommuneportalen")
    event.add("dtstamp", stamp)
    if meeting.start_time:
        event.add("dtstart", _utc(meeting.date, meeting.start_time))
        if meeting.end_time:
            event.add("dtend", _utc(meeting.date, meeting.end_time))
    else:
        event.add("dtstart", meeting.date)
    summary = _("%(name)s, %(municipality)s Kommune") % {
        "name": meeting.committee.name,
        "municipality": meeting.committee.municipality,
    }
    event.add("summary", summary)
    if meeting.place:
        event.add("location", meeting.place)
    agenda = [str(item) for item in meeting.agenda_items.all()]
    if agenda:
        event.add("description", "\n".join([_("Dagsorden:"), *agenda]))
    event.add("url", url)
    if meeting.state == Meeting.State.CANCELLED:
        event.add("status", "CANCELLED")
    return event


def calendar_response(request, meetings, name, filename):
    """The meetings as an iCalendar file (RFC 5545), with the public titles of their agenda items."""
    # Item titles are public even for closed items; nothing else of an item is loaded.
    agenda_titles = AgendaItem.objects.public().prefetch_related(None).only(*AgendaItem.PUBLIC_FIELDS_WHEN_CLOSED)
    meetings = (
        meetings.select_related("committee__municipality")
        .prefetch_related(Prefetch("agenda_items", queryset=agenda_titles))
        .order_by("date", "pk")
    )
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", "-//Frikommuneportalen//Moeder//DA")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        url = request.build_absolute_uri(meeting.get_absolute_url())
        calendar.add_component(meeting_event(meeting, url, stamp))
    # Properties in the order they were added, as the feed has always written them.
    body = calendar.to_ical(sorted=False)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_calendar(request):
    """The published meetings of the last twelve months and the upcoming ones, of every committee."""
    meetings = Meeting.objects.public().in_calendar_window(timezone.localdate())
    return calendar_response(request, meetings, _("Frikommuneportalen: møder"), "moeder.ics")


def committee_calendar(request, committee):
    """A committee's upcoming published meetings and its latest ones before them."""
    committee = get_object_or_404(Committee.objects.select_related("municipality"), slug=committee)
    meetings = committee.meetings.public().latest_and_upcoming(timezone.localdate())
    name = _("Frikommuneportalen: %(committee)s") % {"committee": committee}
    return calendar_response(request, meetings, name, f"{committee.slug}.ics")
