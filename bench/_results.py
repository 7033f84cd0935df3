"""Results of ``make bench``: one JSON file per day in bench/results/, merged per script.

Scripts call :func:`record` with their figures; ``make bench`` runs this module at the end with
the scripts that missed a target, so the day's file says which did.
"""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"


def load_average() -> float:
    """Return the 1-minute load average (``uptime``'s first figure)."""
    return round(os.getloadavg()[0], 2)


def record(script: str, figures: dict[str, Any]) -> Path:
    """Merge ``figures`` under ``script`` into today's results file; return its path."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{datetime.date.today().isoformat()}.json"
    found = json.loads(path.read_text()) if path.exists() else {}
    found[script] = figures
    path.write_text(json.dumps(found, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    return path


if __name__ == "__main__":
    missed = sys.argv[1:]
    path = record("make bench", {"missed": missed, "load": load_average()})
    print(f"== results: {path}; {'missed: ' + ', '.join(missed) if missed else 'every target met'}")
    sys.exit(1 if missed else 0)
