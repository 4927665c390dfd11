"""The project's URLs: the public site in Danish and under /en/ in English, the admin at a configurable path."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from meetings.feeds import DecisionFeed
from news.feeds import NewsFeed

from . import converters, sitemaps, views
from .feeds import CommitteeFeed, MunicipalityFeed, TrialFeed

register_converter(converters.IsoDateConverter, "isodate")

handler403 = views.permission_denied

# Outside the language prefix, always Danish: the admin, and the crawlers' files.
urlpatterns = [
    path(f"{settings.ADMIN_URL}meetings/meeting/import/", include("meetings.admin_import")),
    # "Glemt adgangskode?" on the admin's login page (editors.password_reset).
    path(settings.ADMIN_URL, include("editors.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("sitemap.xml", sitemaps.index, name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.section, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    # The open data as JSON, outside the language prefix: one API, field names in English.
    path("api/v1/", include("api.urls")),
    # The committees' work as OParl 1.1, the standard of council information systems (docs/oparl.md).
    path("api/oparl/", include("oparl.urls")),
]

# The public site: Danish without a prefix, English under /en/ (frikommune.middleware.URLLanguageMiddleware).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("om/", TemplateView.as_view(template_name="pages/about.html"), name="about"),
    path("tilgaengelighed/", views.accessibility_statement, name="accessibility"),
    path("aabne-data/", views.open_data, name="open_data"),
    path("aabne-data/api/", TemplateView.as_view(template_name="pages/api_docs.html"), name="api_docs"),
    # A feed for each subject, beside its page; before the apps' URLs, where /forsoeg/<slug>/<municipality>/
    # would take "feed" for a municipality.
    path("forsoeg/<slug:slug>/feed/", TrialFeed(), name="trial_feed"),
    path("kommuner/<slug:slug>/feed/", MunicipalityFeed(), name="municipality_feed"),
    path("moeder/<slug:committee>/feed/", CommitteeFeed(), name="committee_feed"),
    path("", include("trials.urls")),
    path("", include("meetings.urls")),
    path("", include("news.urls")),
    # Search and feeds (the public site's cross-app pages).
    path("soeg/", include("search.urls")),
    path("feeds/beslutninger/", DecisionFeed(), name="decision_feed"),
    path("feeds/nyheder/", NewsFeed(), name="news_feed"),
    # E-mail alerts: subscribe (double opt-in), confirm, manage, unsubscribe.
    path("foelg/", include("alerts.urls")),
    prefix_default_language=False,
)
