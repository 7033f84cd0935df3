"""The printed table, the ratios, and which targets were missed."""

from __future__ import annotations

from bench.runtime.stats import Measured

#: Targets (DESIGN.md, "Performance shape"): ours within 3× the floor's p50, at most 8
#: statements per approval, and more flows per second than SpiffWorkflow.
MAX_P50_VS_FLOOR = 3.0
MAX_STATEMENTS = 8
MIN_FLOWS_VS_SPIFF = 1.0


def table(rows: list[Measured]) -> str:
    """Return the engines' rows as a Markdown table."""
    lines = [
        "| engine | approve p50 ms | approve p95 ms | statements per approval (max / median) "
        "| flows/s (start → 5 approvals → end) |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for row in rows:
        statements = f"{row.statements_max} / {row.statements_median:g}"
        lines.append(
            f"| {row.engine} | {row.p50_ms:.2f} | {row.p95_ms:.2f} | {statements} "
            f"| {row.flows_per_s:.1f} |"
        )
    return "\n".join(lines)


def ratios(ours: Measured, floor: Measured, spiff: Measured) -> dict[str, float]:
    """Return the ratios the targets are stated in."""
    return {
        "ours p50 / floor p50": ours.p50_ms / floor.p50_ms,
        "ours flows/s / spiff flows/s": ours.flows_per_s / spiff.flows_per_s,
        "spiff p50 / floor p50": spiff.p50_ms / floor.p50_ms,
    }


def missed(ours: Measured, floor: Measured, spiff: Measured) -> list[str]:
    """Return one line per missed target (empty: all met)."""
    found = ratios(ours, floor, spiff)
    misses = []
    if found["ours p50 / floor p50"] > MAX_P50_VS_FLOOR:
        misses.append(
            f"ours p50 is {found['ours p50 / floor p50']:.2f}× the floor's "
            f"(target ≤ {MAX_P50_VS_FLOOR:g}×)"
        )
    if ours.statements_max > MAX_STATEMENTS:
        misses.append(
            f"ours sends up to {ours.statements_max} statements per approval "
            f"(target ≤ {MAX_STATEMENTS})"
        )
    if found["ours flows/s / spiff flows/s"] <= MIN_FLOWS_VS_SPIFF:
        misses.append(
            f"ours runs {found['ours flows/s / spiff flows/s']:.2f}× SpiffWorkflow's flows/s "
            "(target: ahead of it)"
        )
    return misses


def render(rows: list[Measured], header: str) -> tuple[str, int]:
    """Return the full report and the exit status (1 when a target is missed)."""
    by_engine = {row.engine: row for row in rows}
    ours, floor, spiff = by_engine["ours"], by_engine["floor"], by_engine["spiff"]
    lines = [header, "", table(rows), ""]
    lines += [f"{name}: {value:.2f}×" for name, value in ratios(ours, floor, spiff).items()]
    misses = missed(ours, floor, spiff)
    targets = (
        f"targets: p50 ≤ {MAX_P50_VS_FLOOR:g}× floor, ≤ {MAX_STATEMENTS} statements per "
        "approval, flows/s ahead of spiff —"
    )
    lines.append(f"{targets} {'MISSED' if misses else 'met'}")
    lines += [f"  MISSED: {miss}" for miss in misses]
    return "\n".join(lines), 1 if misses else 0
