"""URLs for the Finance page and the budget monitoring upload."""

from django.urls import path

from lineofsight.web.finance import views

app_name = "finance"

urlpatterns = [
    path("finance/", views.index, name="index"),
    path("finance/upload/", views.upload, name="upload"),
    path("finance/template.<str:fmt>", views.template, name="template"),
    path("finance/monitoring/<int:pk>.csv", views.version_csv, name="version-csv"),
    path("finance/monitoring/<int:pk>.xlsx", views.version_xlsx, name="version-xlsx"),
]
