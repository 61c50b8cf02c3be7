"""URLs for the regional pages (docs/regions.md)."""

from django.urls import path

from lineofsight.web.regions import views

app_name = "regions"

urlpatterns = [
    path("regions/", views.index, name="index"),
    path("regions/<slug:code>/", views.region, name="region"),
    path("regions/<slug:code>/data.<str:fmt>", views.download, name="download"),
    path("regions/<slug:code>/pack/", views.pack, name="pack"),
    path("regions/<slug:code>/councils/<str:la_code>/", views.member, name="member"),
    path("regions/<slug:code>/councils/<str:la_code>/sharing/", views.sharing, name="sharing"),
]
