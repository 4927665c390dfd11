"""The project's URLs: the public site in Danish, the admin at a configurable path."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path, register_converter

from . import converters, views

register_converter(converters.IsoDateConverter, "isodate")

urlpatterns = [
    path("", views.home, name="home"),
    path(f"{settings.ADMIN_URL}meetings/meeting/import/", include("meetings.admin_import")),
    path(settings.ADMIN_URL, admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("trials.urls")),
    path("", include("meetings.urls")),
]
