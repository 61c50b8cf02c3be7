"""URLs for the landing page, accessibility statement and cookies page."""

from django.urls import path

from lineofsight.web.pages import views

app_name = "pages"

urlpatterns = [
    path("", views.home, name="home"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
]
