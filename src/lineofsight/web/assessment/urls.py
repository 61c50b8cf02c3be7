"""URLs for the assurance pages (namespace ``assessment``)."""

from django.urls import path

from lineofsight.web.assessment import views

app_name = "assessment"

urlpatterns = [
    path("key-questions/", views.index, name="index"),
    path("key-questions/<str:question_id>/", views.question, name="question"),
    path("enablers/", views.enablers_index, name="enablers"),
    path("enablers/<str:enabler_id>/", views.enabler, name="enabler"),
    path("assessment-rounds/", views.rounds, name="rounds"),
    path("self-evaluation/", views.self_evaluation, name="self-evaluation"),
    path(
        "self-evaluation/<str:section_id>/",
        views.self_evaluation_section,
        name="self-evaluation-section",
    ),
]
