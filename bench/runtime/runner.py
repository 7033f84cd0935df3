"""Run the engines in interleaved rounds, so a busy moment on the machine hits them all."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from bench.runtime.stats import Measured, p50, p95


class Engine(Protocol):
    """What the runner asks of each engine; every call continues where the last one stopped."""

    name: str

    def warm_up(self, count: int) -> None:
        """Approve ``count`` times untimed (caches, prepared statements, first pages)."""

    def count_statements(self, count: int) -> list[int]:
        """Approve ``count`` times; return the SQL statements each approval sent."""

    def time_approvals(self, count: int) -> list[float]:
        """Approve ``count`` times; return the milliseconds of each."""

    def run_flow(self) -> None:
        """Run start → 5 approvals → end once."""


@dataclass(frozen=True)
class Sizes:
    """How much to run: approvals before measuring, counted, timed; flows timed; rounds."""

    warmup: int = 50
    counted: int = 50
    approvals: int = 300
    flows: int = 100
    rounds: int = 5


def measure_all(engines: list[Engine], sizes: Sizes) -> list[Measured]:
    """Warm up and count each engine, then time them round by round; return their rows."""
    counts, samples = {}, defaultdict(list)
    seconds: dict[str, float] = defaultdict(float)
    for engine in engines:
        engine.warm_up(sizes.warmup)
        counts[engine.name] = engine.count_statements(sizes.counted)
    for done in range(sizes.rounds):
        approvals = _share(sizes.approvals, sizes.rounds, done)
        flows = _share(sizes.flows, sizes.rounds, done)
        for engine in engines:
            samples[engine.name] += engine.time_approvals(approvals)
            seconds[engine.name] += _time_flows(engine, flows)
    return [
        Measured(
            engine=e.name,
            p50_ms=p50(samples[e.name]),
            p95_ms=p95(samples[e.name]),
            statements_max=max(counts[e.name]),
            statements_median=p50(counts[e.name]),
            flows_per_s=sizes.flows / seconds[e.name],
        )
        for e in engines
    ]


def _share(total: int, rounds: int, done: int) -> int:
    """Return round ``done``'s part of ``total`` split over ``rounds`` (remainder first)."""
    return total // rounds + (1 if done < total % rounds else 0)


def _time_flows(engine: Engine, count: int) -> float:
    t0 = time.perf_counter()
    for _ in range(count):
        engine.run_flow()
    return time.perf_counter() - t0
