"""What one engine measured, and the percentiles behind it."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Measured:
    """One engine's row of the table.

    Attributes:
        engine: ``ours``, ``floor`` or ``spiff``.
        p50_ms: median milliseconds of one approve action.
        p95_ms: 95th percentile milliseconds of one approve action.
        statements_max: most SQL statements one approval sent (BEGIN/COMMIT not counted).
        statements_median: median SQL statements per approval.
        flows_per_s: start → 5 approvals → end, completed per second from one client.
    """

    engine: str
    p50_ms: float
    p95_ms: float
    statements_max: int
    statements_median: float
    flows_per_s: float


def p50(samples: list[float]) -> float:
    """Return the median of ``samples``."""
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    """Return the 95th percentile of ``samples`` (interpolated between the measured values)."""
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def elapsed_ms(action: Callable[[], T]) -> tuple[T, float]:
    """Run ``action``; return what it returned and the milliseconds it took."""
    t0 = time.perf_counter()
    result = action()
    return result, (time.perf_counter() - t0) * 1000
