"""URL for the audit log page."""

from django.urls import path

from lineofsight.web.audit import views

app_name = "audit"

urlpatterns = [path("audit/", views.audit_log, name="log")]
