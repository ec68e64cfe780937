"""The `kwartier` console script: Django's manage.py under the product's own name."""

import os
import sys

#: Commands spelled with a hyphen (issue 12): `kwartier rotate-key`.
ALIASES = {"rotate-key": "rotate_key"}


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kwartier.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv)
    if len(argv) > 1:
        argv[1] = ALIASES.get(argv[1], argv[1])
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
