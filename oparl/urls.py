"""/api/oparl/: the committees' work as OParl 1.1 (https://schema.oparl.org/1.1/), read-only.

Every address takes any text (str:, path:) so that a malformed id is a JSON 404, not the site's HTML page.
"""

from django.urls import path

from . import views

app_name = "oparl"

urlpatterns = [
    path("", views.SystemView.as_view(), name="system"),
    path("body/", views.BodyListView.as_view(), name="body-list"),
    path("body/<str:body>/", views.BodyView.as_view(), name="body"),
    path("body/<str:body>/<str:kind>/", views.BodyObjectListView.as_view(), name="body-objects"),
    path("organization/committee/<str:slug>/", views.CommitteeView.as_view(), name="committee"),
    path(
        "organization/committee/<str:slug>/meeting/", views.CommitteeMeetingsView.as_view(), name="committee-meetings"
    ),
    path("organization/network/<str:slug>/", views.NetworkView.as_view(), name="network"),
    path("organization/group/<str:pk>/", views.GroupView.as_view(), name="group"),
    path("person/<str:body>/<path:name>/", views.PersonView.as_view(), name="person"),
    path("membership/<str:pk>/", views.MembershipView.as_view(), name="membership"),
    path("meeting/<str:pk>/", views.MeetingView.as_view(), name="meeting"),
    path("agenda-item/<str:pk>/", views.AgendaItemView.as_view(), name="agenda-item"),
    path("paper/<str:body>/<path:reference>/", views.PaperView.as_view(), name="paper"),
    path("consultation/<str:pk>/", views.ConsultationView.as_view(), name="consultation"),
    path("file/<str:pk>/", views.FileView.as_view(), name="file"),
    path("location/<str:pk>/", views.LocationView.as_view(), name="location"),
]
