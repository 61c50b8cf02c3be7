"""URLs for signing in and out and the accounts list."""

from django.urls import path

from lineofsight.web.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign-in"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("accounts/", views.account_list, name="list"),
]
