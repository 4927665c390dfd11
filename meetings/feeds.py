"""Feeds for the committees' work: Atom for new decisions, iCalendar for meetings."""

import datetime
from typing import NamedTuple

from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from pagecache.feeds import DataDatedAtomFeed
from trials.models import Municipality

from . import ical
from .models import AgendaItem, Committee, CommitteeDecision, Meeting


class DecisionFeed(Feed):
    """The committees' latest published decisions; a closed item's decision never appears."""

    feed_type = DataDatedAtomFeed
    title = gettext_lazy("Frikommuneportalen: nye beslutninger")
    author_name = gettext_lazy("Frikommuneportalen")
    subtitle = gettext_lazy("Udvalgenes beslutninger om frikommuneforsøgene.")

    def link(self):
        return reverse("meetings:meeting_list")

    def items(self):
        return newest_decisions(CommitteeDecision.objects.public())

    def item_title(self, decision):
        return decision_title(decision)

    def item_description(self, decision):
        return decision.text

    def item_author_name(self, decision):
        return decision.committee.name

    def item_link(self, decision):
        return decision_link(decision)

    def item_guid(self, decision):
        return decision_guid(decision)

    item_guid_is_permalink = False

    def item_updateddate(self, decision):
        return as_datetime(decision.date)

    def item_pubdate(self, decision):
        return as_datetime(decision.date)


def newest_decisions(decisions, n=50):
    """The n newest of these public decisions, with what a feed entry shows of each, in one query."""
    return (
        decisions.select_related("committee", "agenda_item__meeting__committee")
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
        .newest(n)
    )


def decision_title(decision):
    if decision.agenda_item:
        return f"{decision.committee.name}: {decision.agenda_item} – {decision.get_outcome_display()}"
    return f"{decision.committee.name}: {decision.get_outcome_display()}"


def decision_link(decision):
    if decision.agenda_item:
        return f"{decision.agenda_item.meeting.get_absolute_url()}#beslutning-{decision.pk}"
    return decision.committee.get_absolute_url()


def decision_guid(decision):
    return f"urn:frikommuneportalen:beslutning:{decision.pk}"


def as_datetime(date):
    if date is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


class CalendarMeeting(NamedTuple):
    """What a calendar says of a meeting."""

    pk: int
    date: datetime.date
    start_time: datetime.time | None
    end_time: datetime.time | None
    place: str
    state: str
    committee_name: str
    committee_slug: str
    municipality_name: str


def write_event(writer, meeting, *, url, stamp, zone, summary, description):
    """One VEVENT for a published meeting; its description holds only the agenda's item titles, which are public."""
    writer.begin("VEVENT")
    writer.raw("UID", f"moede-{meeting.pk}@frikommuneportalen")
    writer.raw("DTSTAMP", stamp)
    if meeting.start_time:
        # The meeting's local time, as make_aware() gives it in ``zone``, written in UTC.
        writer.date_or_datetime("DTSTART", datetime.datetime.combine(meeting.date, meeting.start_time, tzinfo=zone))
        if meeting.end_time:
            writer.date_or_datetime("DTEND", datetime.datetime.combine(meeting.date, meeting.end_time, tzinfo=zone))
    else:
        writer.date_or_datetime("DTSTART", meeting.date)
    writer.text("SUMMARY", summary)
    if meeting.place:
        writer.text("LOCATION", meeting.place)
    if description:
        writer.text("DESCRIPTION", description)
    writer.raw("URL", url)
    if meeting.state == Meeting.State.CANCELLED:
        writer.raw("STATUS", "CANCELLED")
    writer.end("VEVENT")


def agenda_titles(meeting_ids):
    """{meeting id: ["Punkt 1. Title", ...]} in the order the items were dealt with.

    Only an item's number and title are read, which are public even for a closed item.
    """
    titles = {}
    items = (
        AgendaItem.objects.public()
        .prefetch_related(None)
        .filter(meeting_id__in=meeting_ids)
        .order_by("meeting_id", "position")
        .values_list("meeting_id", "number", "title")
    )
    template = _("Punkt %(number)s. %(title)s")
    for meeting_id, number, title in items:
        titles.setdefault(meeting_id, []).append(template % {"number": number, "title": title})
    return titles


def calendar_response(request, meetings, name, filename):
    """The meetings as an iCalendar file (RFC 5545), with the public titles of their agenda items."""
    # Rows, not model instances: three instances a meeting (with committee and municipality) were a
    # tenth of the national calendar's time.
    meetings = [
        CalendarMeeting(*row)
        for row in meetings.order_by("date", "pk").values_list(
            "pk",
            "date",
            "start_time",
            "end_time",
            "place",
            "state",
            "committee__name",
            "committee__slug",
            "committee__municipality__name",
        )
    ]
    agendas = agenda_titles([meeting.pk for meeting in meetings]) if meetings else {}
    stamp = ical.format_utc(timezone.now())  # the same in every event
    writer = ical.Writer()
    writer.begin("VCALENDAR")
    writer.raw("VERSION", "2.0")
    writer.raw("PRODID", "-//Frikommuneportalen//Moeder//DA")
    writer.raw("CALSCALE", "GREGORIAN")
    writer.text("X-WR-CALNAME", name)
    # A meeting's address is /moeder/<committee>/<date>/: reversed once, not once a meeting.
    meeting_list = request.build_absolute_uri(reverse("meetings:meeting_list"))
    # Looked up once for the hundreds of meetings of the national calendar, not once a meeting.
    zone = timezone.get_current_timezone()
    label, heading = str(Committee.LABEL), _("Dagsorden:")
    for meeting in meetings:
        agenda = agendas.get(meeting.pk)
        write_event(
            writer,
            meeting,
            url=f"{meeting_list}{meeting.committee_slug}/{meeting.date.isoformat()}/",
            stamp=stamp,
            zone=zone,
            summary=label % {"name": meeting.committee_name, "municipality": meeting.municipality_name},
            description="\n".join([heading, *agenda]) if agenda else None,
        )
    writer.end("VCALENDAR")
    response = HttpResponse(writer.result().encode(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_calendar(request):
    """The upcoming published meetings of every committee and those of the last few months
    (MeetingQuerySet.CALENDAR_PAST_MONTHS)."""
    meetings = Meeting.objects.public().in_calendar_window(timezone.localdate())
    return calendar_response(request, meetings, _("Frikommuneportalen: møder"), "moeder.ics")


def committee_calendar(request, committee):
    """A committee's upcoming published meetings and its latest ones before them."""
    committee = get_object_or_404(Committee.objects.select_related("municipality"), slug=committee)
    meetings = committee.meetings.public().latest_and_upcoming(timezone.localdate())
    name = _("Frikommuneportalen: %(committee)s") % {"committee": committee}
    return calendar_response(request, meetings, name, f"{committee.slug}.ics")


def municipality_calendar(request, slug):
    """The upcoming published meetings of a municipality's committees and their latest ones before them."""
    municipality = get_object_or_404(Municipality, slug=slug)
    meetings = Meeting.objects.public().filter(committee__municipality=municipality)
    meetings = meetings.latest_and_upcoming(timezone.localdate())
    name = _("Frikommuneportalen: møder i %(municipality)s Kommune") % {"municipality": municipality}
    return calendar_response(request, meetings, name, f"{municipality.slug}.ics")
