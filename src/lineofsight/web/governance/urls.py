"""URLs for the governance pages (namespace ``governance``)."""

from django.urls import path

from lineofsight.web.governance import actions, boards, corporate_parenting, roles

app_name = "governance"

urlpatterns = [
    path("governance/", boards.index, name="index"),
    path("governance/boards/add/", boards.board_add, name="board-add"),
    path("governance/boards/<slug:slug>/", boards.board, name="board"),
    path("governance/boards/<slug:slug>/edit/", boards.board_edit, name="board-edit"),
    path("governance/boards/<slug:slug>/meetings/add/", boards.meeting_add, name="meeting-add"),
    path("governance/meetings/<int:pk>/", boards.meeting, name="meeting"),
    path("governance/meetings/<int:pk>/edit/", boards.meeting_edit, name="meeting-edit"),
    path("governance/actions/", actions.actions, name="actions"),
    path("governance/actions/add/", actions.action_add, name="action-add"),
    path("governance/actions/<int:pk>/", actions.action, name="action"),
    path("governance/actions/<int:pk>/edit/", actions.action_edit, name="action-edit"),
    path("governance/actions/<int:pk>/update/", actions.action_update, name="action-update"),
    path("governance/roles/", roles.roles, name="roles"),
    path("governance/roles/<str:post>/edit/", roles.role_edit, name="role-edit"),
    path(
        "corporate-parenting/", corporate_parenting.corporate_parenting, name="corporate-parenting"
    ),
    path("corporate-parenting/voices/add/", corporate_parenting.voice_add, name="voice-add"),
    path(
        "corporate-parenting/voices/<int:pk>/edit/",
        corporate_parenting.voice_edit,
        name="voice-edit",
    ),
    path(
        "corporate-parenting/commitments/add/",
        corporate_parenting.commitment_add,
        name="commitment-add",
    ),
    path(
        "corporate-parenting/commitments/<int:pk>/edit/",
        corporate_parenting.commitment_edit,
        name="commitment-edit",
    ),
]
