"""sitemap.xml and robots.txt: what search engines may index, published content only.

/sitemap.xml is an index of one section per kind of page (/sitemap-trials.xml, ...), each at most
Sitemap.limit URLs a page (?p=2 for the next).
"""

from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.urls import reverse

from frikommune.changed_sitemaps import ChangedSitemap
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


class ParticipationSitemap(ChangedSitemap):
    def public_items(self):
        return (
            Participation.objects.filter(trial__in=Trial.objects.public())
            .select_related("trial", "municipality")
            .order_by("pk")
        )


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
        return Committee.objects.filter(meetings__in=Meeting.objects.public()).distinct().order_by("pk")


class MeetingSitemap(ChangedSitemap):
    fallback_date_field = "date"

    def public_items(self):
        return Meeting.objects.public().select_related("committee").order_by("pk")


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


def robots_txt(request):
    """Let crawlers in and point them to the sitemap.

    The admin is not named here, as that would publish a private ADMIN_URL; its responses carry
    X-Robots-Tag: noindex instead (frikommune.middleware.AdminNoIndexMiddleware).
    """
    context = {"sitemap_url": request.build_absolute_uri(reverse("sitemap"))}
    return render(request, "frikommune/robots.txt", context, content_type="text/plain; charset=utf-8")
