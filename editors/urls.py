"""The editors' password reset, under ADMIN_URL (never cached, outside the language prefix).

Un-namespaced, with the names Django's auth views and the admin's login page look for: the login page
shows its link when "admin_password_reset" exists.
"""

from django.urls import path

from . import password_reset

urlpatterns = [
    path("password_reset/", password_reset.PasswordResetView.as_view(), name="admin_password_reset"),
    path("password_reset/done/", password_reset.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        password_reset.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", password_reset.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
