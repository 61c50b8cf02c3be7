"""``python -m lineofsight.web <command>``: Django's manage.py (dev settings unless told otherwise)."""

import os
import sys

from django.core.management import execute_from_command_line


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lineofsight.web.settings.dev")
    execute_from_command_line([f"{sys.executable} -m lineofsight.web", *sys.argv[1:]])


if __name__ == "__main__":
    main()
