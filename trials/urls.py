"""URLs of the register's public pages, in Danish."""

from django.urls import path

from . import views

app_name = "trials"

urlpatterns = [
    path("forsoeg/", views.TrialList.as_view(), name="trial_list"),
    path("forsoeg/<slug:slug>/", views.TrialDetail.as_view(), name="trial_detail"),
    path(
        "forsoeg/<slug:slug>/<slug:municipality>/",
        views.ParticipationDetail.as_view(),
        name="participation_detail",
    ),
    path("kommuner/", views.MunicipalityList.as_view(), name="municipality_list"),
    path(
        "kommuner/<slug:slug>/",
        views.MunicipalityDetail.as_view(),
        name="municipality_detail",
    ),
    path("ansoegningsrunder/", views.RoundList.as_view(), name="round_list"),
    path(
        "ansoegningsrunder/<int:number>/",
        views.RoundDetail.as_view(),
        name="round_detail",
    ),
    path("organisering/", views.OrganisationList.as_view(), name="organisation"),
    path("samarbejdspartnere/", views.StakeholderList.as_view(), name="stakeholders"),
    path("ordforklaringer/", views.Glossary.as_view(), name="glossary"),
]
