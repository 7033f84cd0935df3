#!/usr/bin/env python
"""Django's command-line utility for Gongwen.

``platform/`` is a source root, not a package (see docs/adr/0001-layout.md), so it is put on
``sys.path`` here before Django is imported.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "platform"))


def main() -> None:
    """Run an administrative task."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
