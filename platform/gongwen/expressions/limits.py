"""Sandbox limits: the defaults live here and nowhere else."""

from __future__ import annotations

from dataclasses import dataclass, replace

# Past this many nested containers the evaluator's own recursion could approach Python's
# recursion limit inside a deep Django call stack, so no override may go higher.
HARD_MAX_DEPTH = 128


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what a rule may be and do; override a field by keyword.

    Attributes:
        max_depth: Nested containers (objects and arrays) from the rule's root to its
            deepest value, the rule's root included. Capped at ``HARD_MAX_DEPTH``.
        max_nodes: JSON values (containers and scalars) in the rule.
        max_steps: Units of work in one evaluation: one per operation applied, plus one per
            element an operation walks (``in`` over an array, ``merge``, string conversion).
        max_string_length: Length (UTF-16 code units, as the browser counts) of any string
            the rule holds or an operation produces (``cat``, stringifying an array).
        max_array_length: Length of any array an operation produces (``merge``, ``map``,
            ``filter``, an array literal) or iterates (``map``, ``reduce``, ``all`` …).
    """

    max_depth: int = 64
    max_nodes: int = 5_000
    max_steps: int = 100_000
    max_string_length: int = 65_536
    max_array_length: int = 10_000

    def __post_init__(self) -> None:
        for name in ("max_depth", "max_nodes", "max_steps", "max_string_length"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1")
        if self.max_array_length < 0:
            raise ValueError("max_array_length must not be negative")
        if self.max_depth > HARD_MAX_DEPTH:
            raise ValueError(f"max_depth must not exceed {HARD_MAX_DEPTH}")

    def replace(self, **changes: int) -> Limits:
        """Return a copy with the given fields changed, e.g. ``limits.replace(max_steps=10)``."""
        return replace(self, **changes)


DEFAULT_LIMITS = Limits()
