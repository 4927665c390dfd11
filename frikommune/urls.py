"""The project's URLs: the public site in Danish, the admin at a configurable path."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter
from django.views.generic import TemplateView

from . import converters, views

register_converter(converters.IsoDateConverter, "isodate")

urlpatterns = [
    path("", views.home, name="home"),
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
]
