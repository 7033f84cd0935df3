"""Benchmark: validation cost by size, up to a file just under the 2 MiB size limit.

Run: ``.venv/bin/python bench/validate_sizes.py`` (``make bench`` runs it). Validates flows of
1,000, 5,000, 10,000 and about 30,000 nodes made of parallel blocks (split → two approvals →
join, one after another), each once, and prints per size: the canonical JSON size, whether the
flow was accepted or which problem refused it, the time and the peak memory (tracemalloc) of
the one ``validate`` call. Exits 1 if a size misses its target:

- 1,000 nodes (the schema's limit): valid, in at most 500 ms;
- larger sizes: refused by the limits (a problem at ``/nodes``), in at most 250 ms and
  32 MiB of peak memory, whatever the size: graph checks never run on them.

Every flow is new to the validator (its result cache is by content).
"""

from __future__ import annotations

import os
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "platform"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")

SIZES = (1_000, 5_000, 10_000, 30_000)
VALID_TARGET_MS = 500.0
REFUSED_TARGET_MS = 250.0
REFUSED_TARGET_MIB = 32.0


def _base36(number: int) -> str:
    digits = ""
    while number:
        number, digit = divmod(number, 36)
        digits = "0123456789abcdefghijklmnopqrstuvwxyz"[digit] + digits
    return digits


def parallel_blocks(nodes: int) -> dict[str, Any]:
    """Return a flow of about ``nodes`` nodes: start, parallel blocks, end (short ids).

    Up to the node limit the branches are approvals; above it they are 用印 steps (no
    assignee), which keeps 30,000 nodes under the 2 MiB size limit, so the node count is what
    refuses it.
    """
    light = nodes > 1_000
    items: list[dict[str, Any]] = [{"id": "s", "type": "start"}]
    edges: list[dict[str, str]] = []
    tail, n = "s", 0
    while len(items) + 4 < nodes:
        n += 1
        tag = _base36(n)  # short ids keep 30,000 nodes under the 2 MiB size limit
        split, join = f"p{tag}", f"j{tag}"
        items.append({"id": split, "type": "parallel"})
        edges.append({"from": tail, "to": split})
        for side in "ab":
            step = f"{side}{tag}"
            node = (
                {"id": step, "type": "seal"}
                if light
                else {"id": step, "type": "approve", "assignee": {"rule": "initiator"}}
            )
            items.append(node)
            edges += [{"from": split, "to": step}, {"from": step, "to": join}]
        items.append({"id": join, "type": "join"})
        tail = join
    items.append({"id": "e", "type": "end"})
    edges.append({"from": tail, "to": "e"})
    return {
        "schema_version": 1,
        "kind": "flow",
        "key": f"size{nodes}",
        "name": {"zh-Hans": "规模", "en": "Size"},
        "form": "size",
        "nodes": items,
        "edges": edges,
    }


def measure(flow: dict[str, Any]) -> tuple[list[Any], float, float]:
    """Return ``(problems, milliseconds, peak MiB)`` of validating ``flow``.

    Timed without tracing (tracemalloc slows Python down several times), then the peak memory
    of validating a copy under another name (so the result cache does not answer).
    """
    from gongwen.definitions import validate

    t0 = time.perf_counter()
    problems = validate(flow)
    elapsed = (time.perf_counter() - t0) * 1000
    tracemalloc.start()
    validate({**flow, "name": {"zh-Hans": "规模（内存）", "en": "Size (memory)"}})
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return problems, elapsed, peak


def main() -> int:
    """Run the benchmark, print the table and return the exit status."""
    import django

    django.setup()
    from gongwen.definitions import validate
    from gongwen.definitions.limits import canonical_bytes

    validate(parallel_blocks(20))  # load and compile the schemas outside the timing
    failed = False
    print(f"{'nodes':>7}{'edges':>8}{'KiB':>8}  {'result':<34}{'ms':>9}{'peak MiB':>10}  target")
    for size in SIZES:
        flow = parallel_blocks(size)
        kib = len(canonical_bytes(flow)) / 1024
        problems, ms, mib = measure(flow)
        result = "valid" if not problems else f"{problems[0].code} {problems[0].pointer}"
        if size <= 1_000:
            ok = not problems and ms <= VALID_TARGET_MS
            target = f"valid, <= {VALID_TARGET_MS:.0f} ms"
        else:
            refused = bool(problems) and problems[0].pointer in ("", "/nodes")
            ok = refused and ms <= REFUSED_TARGET_MS and mib <= REFUSED_TARGET_MIB
            target = f"refused, <= {REFUSED_TARGET_MS:.0f} ms, <= {REFUSED_TARGET_MIB:.0f} MiB"
        failed |= not ok
        print(
            f"{len(flow['nodes']):>7}{len(flow['edges']):>8}{kib:>8.0f}  {result:<34}"
            f"{ms:>9.1f}{mib:>10.1f}  {target}: {'PASS' if ok else 'FAIL'}"
        )
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
