"""Settings modules: ``base`` (shared), ``dev``, ``production`` and ``test``, chosen by DJANGO_SETTINGS_MODULE."""
