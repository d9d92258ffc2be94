"""The `thidua` console command: Django's manage.py under the project's own name."""

import os
import sys


def prepare_environment(argv: list[str]) -> None:
    """Defaults the command sets before Django reads its settings."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    if argv[1:2] == ["demo"]:
        # The demo is what officers try out: an error shows our Vietnamese 500 page, not
        # Django's debug page with its traceback and settings (DEBUG=on still overrides).
        os.environ.setdefault("DEBUG", "off")


def main() -> None:
    prepare_environment(sys.argv)
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
