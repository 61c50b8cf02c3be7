"""URLs for the governance pages (namespace ``governance``)."""

from django.urls import path

from lineofsight.web.governance import views

app_name = "governance"

urlpatterns = [
    path("governance/", views.index, name="index"),
    path("governance/boards/add/", views.board_add, name="board-add"),
    path("governance/boards/<slug:slug>/", views.board, name="board"),
    path("governance/boards/<slug:slug>/edit/", views.board_edit, name="board-edit"),
    path("governance/boards/<slug:slug>/meetings/add/", views.meeting_add, name="meeting-add"),
    path("governance/meetings/<int:pk>/", views.meeting, name="meeting"),
    path("governance/meetings/<int:pk>/edit/", views.meeting_edit, name="meeting-edit"),
    path("governance/actions/", views.actions, name="actions"),
    path("governance/actions/add/", views.action_add, name="action-add"),
    path("governance/actions/<int:pk>/", views.action, name="action"),
    path("governance/actions/<int:pk>/edit/", views.action_edit, name="action-edit"),
    path("governance/actions/<int:pk>/update/", views.action_update, name="action-update"),
    path("governance/roles/", views.roles, name="roles"),
    path("governance/roles/<str:post>/edit/", views.role_edit, name="role-edit"),
    path("corporate-parenting/", views.corporate_parenting, name="corporate-parenting"),
    path("corporate-parenting/voices/add/", views.voice_add, name="voice-add"),
    path("corporate-parenting/voices/<int:pk>/edit/", views.voice_edit, name="voice-edit"),
    path("corporate-parenting/commitments/add/", views.commitment_add, name="commitment-add"),
    path(
        "corporate-parenting/commitments/<int:pk>/edit/",
        views.commitment_edit,
        name="commitment-edit",
    ),
]
