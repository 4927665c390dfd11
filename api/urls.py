"""/api/v1/: the register as JSON, its OpenAPI schema. Spelled out with path(), one list and one record each."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from . import views

app_name = "api"

RESOURCES = [
    ("municipalities", views.MunicipalityViewSet, "<slug:slug>"),
    ("programmes", views.ProgrammeViewSet, "<slug:slug>"),
    ("networks", views.NetworkViewSet, "<slug:slug>"),
    ("rounds", views.RoundViewSet, "<int:pk>"),
    ("trials", views.TrialViewSet, "<slug:slug>"),
    ("committees", views.CommitteeViewSet, "<slug:slug>"),
    ("meetings", views.MeetingViewSet, "<int:pk>"),
    ("agenda-items", views.AgendaItemViewSet, "<int:pk>"),
    ("decisions", views.DecisionViewSet, "<int:pk>"),
    ("documents", views.DocumentViewSet, "<int:pk>"),
]

urlpatterns = [path("schema/", SpectacularAPIView.as_view(), name="schema")]
for prefix, viewset, lookup in RESOURCES:
    urlpatterns += [
        path(f"{prefix}/", viewset.as_view({"get": "list"}), name=f"{prefix}-list"),
        path(f"{prefix}/{lookup}/", viewset.as_view({"get": "retrieve"}), name=f"{prefix}-detail"),
    ]
