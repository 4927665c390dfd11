"""The project's URLs: the public site in Danish, the admin at a configurable path."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import index, sitemap
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from meetings.feeds import DecisionFeed
from news.feeds import NewsFeed

from . import converters, sitemaps, views

register_converter(converters.IsoDateConverter, "isodate")

urlpatterns = [
    path("", views.home, name="home"),
    path(f"{settings.ADMIN_URL}meetings/meeting/import/", include("meetings.admin_import")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("om/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path(
        "tilgaengelighed/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("", include("trials.urls")),
    path("", include("meetings.urls")),
    path("", include("news.urls")),
    # Search, feeds and crawlers (the public site's cross-app pages).
    path("soeg/", include("search.urls")),
    path("feeds/beslutninger/", DecisionFeed(), name="decision_feed"),
    path("feeds/nyheder/", NewsFeed(), name="news_feed"),
    path(
        "sitemap.xml",
        index,
        {"sitemaps": sitemaps.SITEMAPS, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap, {"sitemaps": sitemaps.SITEMAPS}, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
]
