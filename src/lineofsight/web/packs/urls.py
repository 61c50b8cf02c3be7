"""URLs for the briefing packs: the page that lists them and the download (a POST, audited)."""

from django.urls import path

from lineofsight.web.packs import views

app_name = "packs"

urlpatterns = [
    path("packs/", views.index, name="index"),
    path("packs/download/", views.download, name="download"),
]
