"""WSGI entry point for gunicorn (``lineofsight serve``); production settings unless told otherwise."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lineofsight.web.settings.production")

application = get_wsgi_application()
