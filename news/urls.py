"""URLs of the news pages, in Danish."""

from django.urls import path

from . import views

app_name = "news"

urlpatterns = [
    path("vidensdeling/", views.NewsList.as_view(), name="list"),
    path("vidensdeling/<slug:slug>/", views.NewsDetail.as_view(), name="detail"),
]
