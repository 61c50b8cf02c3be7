"""URLs for the Forecast page and the director's scenarios (saving and deleting are POSTs)."""

from django.urls import path

from lineofsight.web.forecast import views

app_name = "forecast"

urlpatterns = [
    path("forecast/", views.index, name="index"),
    path("forecast/scenarios/", views.save_scenario, name="scenario-save"),
    path("forecast/scenarios/<int:pk>/delete/", views.delete_scenario, name="scenario-delete"),
]
