"""URL routes under /accounts/: Django's auth views plus sign-up."""

from django.contrib.auth import views as auth_views
from django.urls import path

from .accounts import sign_up

urlpatterns = [
    path("signup/", sign_up, name="signup"),
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/change/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
]
