"""Validation cost stays near-linear; oversized flows stop at the limits (bench/validate_sizes.py).

The times are generous bounds for a busy 2-core machine; before the staged validator a
1,000-node flow of parallel blocks took about 6 s and a 2,000-node one (refused by the schema)
about 10 s, because the split/join checks kept an ancestor set per branch.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from gongwen.definitions import validate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from validate_sizes import parallel_blocks


def timed(doc: dict) -> tuple[list, float]:
    t0 = time.perf_counter()
    problems = validate(doc)
    return problems, time.perf_counter() - t0


def test_a_thousand_node_flow_of_parallel_blocks_validates_in_well_under_a_second():
    problems, seconds = timed(parallel_blocks(1_000))
    assert problems == []
    assert seconds < 1.0


def test_thirty_thousand_nodes_under_the_size_limit_are_refused_by_the_node_count_alone():
    problems, seconds = timed(parallel_blocks(30_000))
    assert [(p.code, p.pointer) for p in problems] == [
        ("schema.maxItems", "/nodes"),
        ("schema.maxItems", "/edges"),
    ]
    assert seconds < 1.0


def test_schema_problems_stop_validation_before_the_graph_checks(basic_flow):
    broken = {**basic_flow, "edges": [*basic_flow["edges"], {"from": "end", "to": 3}]}
    assert [p.code for p in validate(broken)] == ["schema.type"]


def test_cost_grows_about_linearly_with_the_flow():
    # a new key each time: the validator caches results by content
    small = min(timed({**parallel_blocks(250), "key": f"s{n}"})[1] for n in range(3))
    large = min(timed({**parallel_blocks(1_000), "key": f"l{n}"})[1] for n in range(3))
    assert large < 10 * small  # 4x the nodes; quadratic checks would be about 16x
