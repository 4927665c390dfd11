"""sitemap.xml and robots.txt: what search engines may index, published content only.

/sitemap.xml is an index of one section per kind of page (/sitemap-trials.xml, ...), each at most
Sitemap.limit URLs a page (?p=2 for the next).
"""

import datetime
import math
from xml.sax.saxutils import escape

from django.contrib.sitemaps import Sitemap
from django.contrib.sites.shortcuts import get_current_site
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

from frikommune.changed_sitemaps import ChangedSitemap
from frikommune.reversing import url_format
from meetings.models import Committee, Meeting
from news.sitemaps import NewsSitemap
from trials.models import ApplicationRound, Municipality, Network, Participation, Trial


class StaticSitemap(Sitemap):
    limit = ChangedSitemap.limit

    def items(self):
        return [
            "home",
            "trials:trial_list",
            "trials:municipality_list",
            "trials:round_list",
            "trials:network_list",
            "trials:glossary",
            "meetings:meeting_list",
            "news:list",
            "open_data",
            "api_docs",
        ]

    def location(self, name):
        return reverse(name)


class TrialSitemap(ChangedSitemap):
    def public_items(self):
        return Trial.objects.public().order_by("pk")

    def entries(self, items):
        url = url_format("trials:trial_detail", slug=str)
        return [
            (url.format(slug=slug), self.day(changed)) for slug, changed in items.values_list("slug", "last_changed")
        ]


class ParticipationSitemap(ChangedSitemap):
    def public_items(self):
        return (
            Participation.objects.filter(trial__in=Trial.objects.public())
            .select_related("trial", "municipality")
            .order_by("pk")
        )

    def entries(self, items):
        """Values, not objects: some 7,000 participations nationally."""
        url = url_format("trials:participation_detail", slug=str, municipality=str)
        rows = items.values_list("trial__slug", "municipality__slug", "last_changed")
        return [
            (url.format(slug=trial, municipality=municipality), self.day(changed))
            for trial, municipality, changed in rows
        ]


class MunicipalitySitemap(Sitemap):
    """No lastmod: municipalities keep no history and no date."""

    limit = ChangedSitemap.limit

    def items(self):
        return Municipality.objects.order_by("pk")


class NetworkSitemap(Sitemap):
    """No lastmod: networks keep no history."""

    limit = ChangedSitemap.limit

    def items(self):
        return Network.objects.order_by("pk")


class RoundSitemap(Sitemap):
    """Each round once, under its network (the old /ansoegningsrunder/<number>/ only redirects).

    No lastmod: rounds keep no history, and their deadline is no change time.
    """

    limit = ChangedSitemap.limit

    def items(self):
        return ApplicationRound.objects.select_related("network").order_by("pk")


class CommitteeSitemap(Sitemap):
    """No lastmod: committees keep no history."""

    limit = ChangedSitemap.limit

    def items(self):
        return Committee.objects.with_public_meetings().order_by("pk")


class MeetingSitemap(ChangedSitemap):
    fallback_date_field = "date"

    def public_items(self):
        return Meeting.objects.public().select_related("committee").order_by("pk")

    def entries(self, items):
        """Values, not objects: some 5,000 meetings nationally."""
        url = url_format("meetings:meeting_detail", committee=str, date=datetime.date)
        rows = items.values_list("committee__slug", "date", "last_changed")
        return [
            (url.format(committee=committee, date=date.isoformat()), self.day(changed, date))
            for committee, date, changed in rows
        ]


SITEMAPS = {
    "pages": StaticSitemap,
    "trials": TrialSitemap,
    "participations": ParticipationSitemap,
    "municipalities": MunicipalitySitemap,
    "networks": NetworkSitemap,
    "rounds": RoundSitemap,
    "committees": CommitteeSitemap,
    "meetings": MeetingSitemap,
    "news": NewsSitemap,
}


def section_entries(sitemap, items):
    """[(path, lastmod or None)] of a page of a section's items; a section may write its own (entries())."""
    if hasattr(sitemap, "entries"):
        return sitemap.entries(items)
    lastmod = getattr(sitemap, "lastmod", None)
    return [(sitemap.location(item), lastmod(item) if callable(lastmod) else lastmod) for item in items]


def section_summary(sitemap):
    """(number of URLs, newest lastmod or None) of a section: one query, none for a list of pages."""
    if hasattr(sitemap, "summary"):
        return sitemap.summary()
    return sitemap.paginator.count, sitemap.get_latest_lastmod()


def as_datetime(day):
    """A lastmod (a date or datetime) as an aware datetime, for Last-Modified."""
    moment = day if isinstance(day, datetime.datetime) else datetime.datetime.combine(day, datetime.time.min)
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


def index(request):
    """/sitemap.xml: each section's pages with the section's newest lastmod, written directly as section()
    is, in a query per section (Django's index view takes two or three)."""
    base = f"{request.scheme}://{get_current_site(request).domain}"
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    ]
    lastmods = []
    for name, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        count, lastmod = section_summary(sitemap)
        lastmods.append(lastmod)
        location = base + reverse("sitemap_section", kwargs={"section": name})
        day = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        for page in range(1, max(1, math.ceil(count / sitemap.limit)) + 1):
            address = location if page == 1 else f"{location}?p={page}"
            lines.append(f"<sitemap><loc>{escape(address)}</loc>{day}</sitemap>")
    lines.append("</sitemapindex>\n")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    if all(lastmods):
        response.headers["Last-Modified"] = http_date(max(as_datetime(day) for day in lastmods).timestamp())
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def section(request, section):
    """A sitemap section, written directly: Django's sitemap view builds a dict per URL and renders a
    template per URL, most of a large section's time. Same URLs and lastmod, and 404 for an unknown
    section or page."""
    if section not in SITEMAPS:
        raise Http404(f"No sitemap section {section!r}")
    sitemap = SITEMAPS[section]()
    try:
        page = sitemap.paginator.page(request.GET.get("p", 1))
    except InvalidPage as error:
        raise Http404(str(error)) from error
    base = f"{request.scheme}://{get_current_site(request).domain}"
    entries = section_entries(sitemap, page.object_list)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for path, lastmod in entries:
        day = f"<lastmod>{lastmod:%Y-%m-%d}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(base + path)}</loc>{day}</url>")
    lines.append("</urlset>\n")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    days = [lastmod for _path, lastmod in entries]
    if days and all(days):
        # As Django's view: Last-Modified when every URL has a lastmod, for conditional requests.
        response.headers["Last-Modified"] = http_date(as_datetime(max(days)).timestamp())
    response.headers["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


def robots_txt(request):
    """Let crawlers in and point them to the sitemap.

    The admin is not named here, as that would publish a private ADMIN_URL; its responses carry
    X-Robots-Tag: noindex instead (frikommune.middleware.AdminNoIndexMiddleware).
    """
    context = {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "frikommune/robots.txt", context, content_type="text/plain; charset=utf-8")
