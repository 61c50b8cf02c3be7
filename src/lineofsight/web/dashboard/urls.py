"""URLs for the data pages. The namespace is ``overview`` because the landing page sends every role
that may open ``overview:index`` there (see ``web/pages/views.py``)."""

from django.urls import path

from lineofsight.web.dashboard import views

app_name = "overview"

urlpatterns = [
    path("overview/", views.index, name="index"),
    path("indicators/<str:indicator_id>/", views.indicator, name="indicator"),
    path("indicators/<str:indicator_id>/data.csv", views.indicator_csv, name="indicator-csv"),
    path("indicators/<str:indicator_id>/data.xlsx", views.indicator_xlsx, name="indicator-xlsx"),
    path("compare/", views.compare_view, name="compare"),
    path("compare/data.<str:fmt>", views.compare_download, name="compare-download"),
    path("ofsted/", views.ofsted, name="ofsted"),
    path("signals/", views.signals, name="signals"),
]
