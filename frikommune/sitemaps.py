"""sitemap.xml and robots.txt: what search engines may index, published content only."""

from django.contrib.sitemaps import Sitemap
from django.shortcuts import render
from django.urls import reverse

from meetings.models import Committee, Meeting
from news.sitemaps import NewsSitemap
from trials.models import ApplicationRound, Municipality, Participation, Trial


class StaticSitemap(Sitemap):
    def items(self):
        return [
            "home",
            "trials:trial_list",
            "trials:municipality_list",
            "trials:round_list",
            "trials:glossary",
            "meetings:meeting_list",
            "news:list",
        ]

    def location(self, name):
        return reverse(name)


class TrialSitemap(Sitemap):
    def items(self):
        return Trial.objects.public().order_by("pk")


class ParticipationSitemap(Sitemap):
    def items(self):
        return (
            Participation.objects.filter(trial__in=Trial.objects.public())
            .select_related("trial", "municipality")
            .order_by("pk")
        )


class MunicipalitySitemap(Sitemap):
    def items(self):
        return Municipality.objects.order_by("pk")


class RoundSitemap(Sitemap):
    def items(self):
        return ApplicationRound.objects.order_by("pk")


class CommitteeSitemap(Sitemap):
    def items(self):
        return Committee.objects.filter(meetings__in=Meeting.objects.public()).distinct().order_by("pk")


class MeetingSitemap(Sitemap):
    def items(self):
        return Meeting.objects.public().select_related("committee").order_by("pk")

    def lastmod(self, meeting):
        return meeting.date


SITEMAPS = {
    "pages": StaticSitemap,
    "trials": TrialSitemap,
    "participations": ParticipationSitemap,
    "municipalities": MunicipalitySitemap,
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
