"""URLs of the register's public pages, in Danish."""

from django.urls import path

from . import csv_views, views

app_name = "trials"

urlpatterns = [
    path("forsoeg/", views.TrialList.as_view(), name="trial_list"),
    # The lists as CSV files (open data), with the list pages' filters.
    path("forsoeg.csv", csv_views.trials_csv, name="trials_csv"),
    path("deltagelse.csv", csv_views.participations_csv, name="participations_csv"),
    path("kommuner.csv", csv_views.municipalities_csv, name="municipalities_csv"),
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
    path("netvaerk/", views.NetworkList.as_view(), name="network_list"),
    path("netvaerk/<slug:slug>/", views.NetworkDetail.as_view(), name="network_detail"),
    # Rounds are numbered within their network, so a round's address names the network.
    path(
        "netvaerk/<slug:network>/ansoegningsrunder/<int:number>/",
        views.RoundDetail.as_view(),
        name="round_detail",
    ),
    path("ansoegningsrunder/", views.RoundList.as_view(), name="round_list"),
    # The address a round had while the register held one network: 301 to the portal's own network's.
    path("ansoegningsrunder/<int:number>/", views.round_redirect, name="round_redirect"),
    path("organisering/", views.OrganisationList.as_view(), name="organisation"),
    path("samarbejdspartnere/", views.StakeholderList.as_view(), name="stakeholders"),
    path("ordforklaringer/", views.Glossary.as_view(), name="glossary"),
]
