from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("", views.subscribe, name="subscribe"),
    path("bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("abonnementer/<str:token>/", views.manage, name="manage"),
    path("afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
