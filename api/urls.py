"""/api/v1/: the register as JSON, its OpenAPI schema. Spelled out with path(), one list and one record each.

The record routes take any text (str:), so that a malformed id is the API's JSON 404, not the site's HTML page.
"""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

RESOURCES = [
    ("municipalities", views.MunicipalityViewSet, "<str:slug>"),
    ("programmes", views.ProgrammeViewSet, "<str:slug>"),
    ("networks", views.NetworkViewSet, "<str:slug>"),
    ("rounds", views.RoundViewSet, "<str:pk>"),
    ("trials", views.TrialViewSet, "<str:slug>"),
    ("committees", views.CommitteeViewSet, "<str:slug>"),
    ("meetings", views.MeetingViewSet, "<str:pk>"),
    ("agenda-items", views.AgendaItemViewSet, "<str:pk>"),
    ("decisions", views.DecisionViewSet, "<str:pk>"),
    ("documents", views.DocumentViewSet, "<str:pk>"),
]

urlpatterns = [path("schema/", SpectacularAPIView.as_view(), name="schema")]
for prefix, viewset, lookup in RESOURCES:
    urlpatterns += [
        path(f"{prefix}/", viewset.as_view({"get": "list"}), name=f"{prefix}-list"),
        path(f"{prefix}/{lookup}/", viewset.as_view({"get": "retrieve"}), name=f"{prefix}-detail"),
    ]
