"""The ``learningcity`` console script: Django's management commands, with our settings.

``learningcity demo`` and ``learningcity worker`` are ordinary management commands; any other
Django command works too (``learningcity migrate``, ``learningcity createsuperuser``).
"""

import os
import sys

ALIASES = {"worker": "db_worker", "check-integrity": "check_integrity"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "learningcity.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
