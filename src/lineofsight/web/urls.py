"""Every URL in the service. A new page adds its app's urls here and a row in the permission table
(tests/web/web_permission_table.py), or the test suite fails."""

from django.urls import include, path

urlpatterns = [
    path("", include("lineofsight.web.pages.urls")),
    path("", include("lineofsight.web.accounts.urls")),
    path("", include("lineofsight.web.audit.urls")),
    path("", include("lineofsight.web.dashboard.urls")),
    path("", include("lineofsight.web.returns_data.urls")),
    path("", include("lineofsight.web.governance.urls")),
    path("", include("lineofsight.web.assessment.urls")),
    path("", include("lineofsight.web.packs.urls")),
    path("", include("lineofsight.web.forecast.urls")),
    path("", include("lineofsight.web.finance.urls")),
    path("", include("lineofsight.web.regions.urls")),
]

handler403 = "lineofsight.web.pages.views.forbidden"
handler404 = "lineofsight.web.pages.views.not_found"
handler500 = "lineofsight.web.pages.views.server_error"
