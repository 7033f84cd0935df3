"""Benchmark: one approve action and full flows/s — ours vs the raw-SQL floor vs SpiffWorkflow.

Run from the repository root: ``.venv/bin/python -m bench.runtime`` (``make bench`` runs it;
needs ``pip install -e '.[dev,bench]'`` for SpiffWorkflow). It drops and creates the PostgreSQL
database ``gongwen_bench`` (on the server of a PostgreSQL ``DATABASE_URL``, else
127.0.0.1:5432 as ``postgres``; ``--database-url`` or ``BENCH_DATABASE_URL`` name another),
then on it: ours (Gongwen's actions, migrated schema), the floor (the same writes in raw SQL,
schema ``floor``) and SpiffWorkflow (``approval_chain.bpmn``, JSON rows in schema ``spiff``).
The three are timed in interleaved rounds, so a busy moment on the machine hits all of them.
Prints p50/p95 ms per approval, statements per approval, flows/s and the ratios; exits 1 when
a target is missed (≤ 3× the floor's p50, ≤ 8 statements per approval, flows/s ahead of spiff).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO), str(REPO / "platform")]

# The path above must come first: these run from a checkout, not an installed package.
from bench.runtime import database, report  # noqa: E402
from bench.runtime.floor import Floor  # noqa: E402
from bench.runtime.ours import Ours  # noqa: E402
from bench.runtime.runner import Sizes, measure_all  # noqa: E402
from bench.runtime.spiff import Spiff  # noqa: E402


def parse_args(argv: list[str] | None) -> tuple[str | None, Sizes]:
    """Return the database URL given (if any) and how much to run."""
    default = Sizes()
    parser = argparse.ArgumentParser(
        prog="python -m bench.runtime", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--database-url", help="drop, create and use this database instead")
    for name, what in [
        ("warmup", "approvals per engine before measuring"),
        ("counted", "approvals per engine whose statements are counted"),
        ("approvals", "timed approvals per engine"),
        ("flows", "timed flows (start → 5 approvals → end) per engine"),
        ("rounds", "rounds the timed work is interleaved in"),
    ]:
        parser.add_argument(f"--{name}", type=int, default=getattr(default, name), help=what)
    args = parser.parse_args(argv)
    sizes = Sizes(args.warmup, args.counted, args.approvals, args.flows, args.rounds)
    return args.database_url, sizes


def main(argv: list[str] | None = None) -> int:
    """Run the three engines on a fresh database, print the report, return the exit status."""
    given, sizes = parse_args(argv)
    load = os.getloadavg()[0]  # a busy machine (a test suite on the same server) shows here
    url = database.bench_url(given)
    database.recreate(url)
    chain_steps = sizes.warmup + 2 * sizes.counted + sizes.approvals + 1  # ours counts twice
    engines = [Ours.connect(url, chain_steps), Floor.connect(url), Spiff.connect(url)]
    rows = measure_all(engines, sizes)
    header = (
        f"bench/runtime on PostgreSQL {database.server_version(url)} "
        f"(database {database.database_name(url)}, {os.cpu_count()} CPUs, "
        f"load average {load:.2f} at the start): "
        f"{sizes.approvals} timed approvals after {sizes.warmup}, {sizes.flows} flows, "
        f"in {sizes.rounds} interleaved rounds"
    )
    text, status = report.render(rows, header)
    print(text)
    return status


if __name__ == "__main__":
    sys.exit(main())
