from django.urls import path

from . import csv_views, downloads, feeds, views

app_name = "meetings"

urlpatterns = [
    path("moeder/", views.MeetingList.as_view(), name="meeting_list"),
    path("moeder/kalender.ics", feeds.meeting_calendar, name="calendar"),
    path("moeder/<slug:committee>/", views.CommitteeDetail.as_view(), name="committee_detail"),
    path("moeder/<slug:committee>/kalender.ics", feeds.committee_calendar, name="committee_calendar"),
    path(
        "moeder/<slug:committee>/<isodate:date>/",
        views.MeetingDetail.as_view(),
        name="meeting_detail",
    ),
    # A municipality's page is the register's (trials.urls); its committees' meetings are ours.
    path("kommuner/<slug:slug>/kalender.ics", feeds.municipality_calendar, name="municipality_calendar"),
    path("beslutninger.csv", csv_views.decisions_csv, name="decisions_csv"),
    path("dokumenter/<int:pk>/hent/", downloads.document_download, name="document_download"),
]
