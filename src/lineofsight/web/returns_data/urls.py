"""URLs for the Data pages (namespace ``data``)."""

from django.urls import path

from lineofsight.web.returns_data import views

app_name = "data"

urlpatterns = [
    path("data/", views.index, name="index"),
    path("data/uploads/<int:pk>/", views.findings, name="findings"),
    path("data/uploads/<int:pk>/findings.<str:fmt>", views.report, name="report"),
    path("data/uploads/<int:pk>/publish/", views.publish_view, name="publish"),
    path("data/publications/", views.history, name="history"),
]
