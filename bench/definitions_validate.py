"""Benchmark: validate + compile a generated 200-node definition; publish's query count.

Run: ``.venv/bin/python bench/definitions_validate.py [--runs N] [--nodes N] [--fields N]``
(``make bench`` runs it). Prints a table and exits 1 if the median or p95 of validate + compile
misses the target (50 ms on the project's 2-core machine), or if the generated definition is
not valid (a benchmark of the error path would measure the wrong thing).

Each timed run validates a document it has not seen before: the validator caches results by
content, and a benchmark that repeats one document would time the cache (shown separately as
"validate (cached)"). "compile" validates again (from the cache) and builds the specs.

The definition is made of repeating segments between a start and an end: chains of approve
steps, exclusive gateways with a JSON Logic condition on a form field and a default branch,
and parallel split/join pairs; the form has ~40 fields of every simple type. The numbering
series named is accepted by an in-memory lookup, so the timing has no database in it.

Publish is measured on a throwaway test database (SQLite in memory, or ``test_<name>`` on the
``DATABASE_URL`` PostgreSQL server): its number of SQL statements and its time.
"""

from __future__ import annotations

import argparse
import copy
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "platform"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongwen.settings")

TARGET_MS = 50.0
SERIES = "测试发"
FIELD_TYPES = ["text", "long_text", "number", "money", "date", "datetime", "person", "department"]
ROLES = ["section_head", "office_reviewer", "leader_in_charge", "signer", "handler"]


def _i18n(zh: str, en: str) -> dict[str, str]:
    return {"zh-Hans": zh, "en": en}


def generate_form(fields: int = 40, key: str = "bench") -> dict[str, Any]:
    """Return a valid form with ``fields`` fields (at least 3) cycling through the field types."""
    items: list[dict[str, Any]] = [
        {"name": "title", "type": "text", "label": _i18n("标题", "Title"), "required": True},
        {"name": "amount", "type": "money", "label": _i18n("金额", "Amount"), "minimum": 0},
        {
            "name": "category",
            "type": "select",
            "label": _i18n("类别", "Category"),
            "options": [
                {"value": "routine", "label": _i18n("常规", "Routine")},
                {"value": "special", "label": _i18n("专项", "Special")},
            ],
        },
    ]
    for n in range(len(items), fields):
        kind = FIELD_TYPES[n % len(FIELD_TYPES)]
        items.append({"name": f"f{n}", "type": kind, "label": _i18n(f"字段{n}", f"Field {n}")})
    return {
        "schema_version": 1,
        "kind": "form",
        "key": key,
        "name": _i18n("基准表单", "Benchmark form"),
        "fields": items,
        "rules": [
            {
                "when": {"==": [{"var": "form.category"}, "special"]},
                "effect": "require",
                "fields": ["f3"],
            }
        ],
    }


class _FlowBuilder:
    """Append segments to a flow, keeping ``tail`` as the node the next segment follows."""

    def __init__(self) -> None:
        self.nodes: list[dict[str, Any]] = [{"id": "start", "type": "start"}]
        self.edges: list[dict[str, Any]] = []
        self.tail = "start"
        self.count = 0

    def _node(self, kind: str, **extra: Any) -> str:
        self.count += 1
        node_id = f"n{self.count}"
        node: dict[str, Any] = {"id": node_id, "type": kind, **extra}
        if kind == "approve":
            role = ROLES[self.count % len(ROLES)]
            node["assignee"] = {"rule": "role", "role": role}
            node["deadline"] = {"duration": "P1D", "remind_before": "PT4H"}
            node["fields"] = {"title": "readonly", "amount": "editable"}
        self.nodes.append(node)
        return node_id

    def _edge(self, source: str, target: str, **extra: Any) -> None:
        self.edges.append({"from": source, "to": target, **extra})

    def chain(self, length: int = 3) -> None:
        for _ in range(length):
            step = self._node("approve", actions=["approve", "return_to", "transfer"])
            self._edge(self.tail, step)
            self.tail = step

    def exclusive(self) -> None:
        gate = self._node("exclusive")
        self._edge(self.tail, gate)
        high = self._node("approve", mode="all")
        low = self._node("approve")
        after = self._node("handle", assignee={"rule": "initiator"})
        limit = 1000 * self.count
        self._edge(gate, high, when={">": [{"var": "form.amount"}, limit]}, order=1)
        self._edge(gate, low, default=True)
        self._edge(high, after)
        self._edge(low, after)
        self.tail = after

    def parallel(self) -> None:
        split = self._node("parallel")
        self._edge(self.tail, split)
        left = self._node("approve")
        right = self._node("cc", assignee={"rule": "role", "role": "registrar"})
        join = self._node("join")
        for branch in (left, right):
            self._edge(split, branch)
            self._edge(branch, join)
        self.tail = join

    def finish(self) -> None:
        self.nodes.append({"id": "end", "type": "end"})
        self._edge(self.tail, "end")


def generate_flow(nodes: int = 200, key: str = "bench") -> dict[str, Any]:
    """Return a valid flow of about ``nodes`` nodes: chains, exclusive gateways, split/joins."""
    builder = _FlowBuilder()
    segments = (builder.chain, builder.exclusive, builder.parallel)
    n = 0
    while len(builder.nodes) < nodes - 4:
        segments[n % len(segments)]()
        n += 1
    while len(builder.nodes) < nodes - 1:
        builder.chain(1)
    builder.finish()
    return {
        "schema_version": 1,
        "kind": "flow",
        "key": key,
        "name": _i18n("基准流程", "Benchmark flow"),
        "form": key,
        "document": {
            "kind": "通知",
            "direction": "down",
            "organ_code": SERIES,
            "numbering_series": SERIES,
            "template": "notice",
            "secrecy": "内部",
            "urgency": "平件",
            "retention": "D30",
            "archive_category": "WS",
        },
        "nodes": builder.nodes,
        "edges": builder.edges,
    }


def _percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _variants(form: dict, flow: dict, count: int) -> list[tuple[dict, dict]]:
    """Return ``count`` copies differing only in their names, so no run hits a result cache."""
    variants = []
    for n in range(count):
        form_n, flow_n = copy.deepcopy(form), copy.deepcopy(flow)
        form_n["name"]["en"] = f"Benchmark form {n}"
        flow_n["name"]["en"] = f"Benchmark flow {n}"
        variants.append((form_n, flow_n))
    return variants


def time_validate_compile(form: dict, flow: dict, runs: int) -> dict[str, list[float]]:
    """Return milliseconds per run for validate, compile and both, after one warm-up run.

    Every run gets a document it has not seen (the validator caches results by content), and
    ``cached`` times validating the same document again to show what that cache saves.
    """
    from gongwen.definitions import compile_flow, compile_form, validate

    samples: dict[str, list[float]] = {
        "validate": [],
        "compile": [],
        "validate + compile": [],
        "validate (cached)": [],
    }
    for run, (form_n, flow_n) in enumerate(_variants(form, flow, runs + 1)):
        t0 = time.perf_counter()
        problems = validate(form_n) + validate(flow_n, form=form_n)
        t1 = time.perf_counter()
        compile_form(form_n)
        compile_flow(flow_n, form_n)
        t2 = time.perf_counter()
        validate(form_n) + validate(flow_n, form=form_n)
        t3 = time.perf_counter()
        if problems:
            raise SystemExit(f"generated definition is invalid: {problems[:5]}")
        if run:  # the first run warms the schemas and regexes
            samples["validate"].append((t1 - t0) * 1000)
            samples["compile"].append((t2 - t1) * 1000)
            samples["validate + compile"].append((t2 - t0) * 1000)
            samples["validate (cached)"].append((t3 - t2) * 1000)
    return samples


def measure_publish(form: dict, flow: dict) -> tuple[int, float]:
    """Return (SQL statements, milliseconds) of publishing a second version on a test database."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from gongwen.definitions.versions import publish_documents

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        publish_documents(flow["key"], form, flow, None, "first")
        changed = copy.deepcopy(form)
        changed["name"]["en"] = "Benchmark form, revised"
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            publish_documents(flow["key"], changed, flow, None, "second")
            elapsed = (time.perf_counter() - t0) * 1000
        return len(queries), elapsed
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the table and return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--nodes", type=int, default=200)
    parser.add_argument("--fields", type=int, default=40)
    parser.add_argument("--no-db", action="store_true", help="Skip the publish measurement.")
    args = parser.parse_args(argv)

    import django

    django.setup()
    from gongwen.definitions.registries import numbering_series_lookup

    form, flow = generate_form(args.fields), generate_flow(args.nodes)
    with numbering_series_lookup(SERIES.__eq__):
        samples = time_validate_compile(form, flow, max(args.runs, 2))
        publish = None if args.no_db else measure_publish(form, flow)
    print(
        f"definition: {len(flow['nodes'])} nodes, {len(flow['edges'])} edges, "
        f"{len(form['fields'])} form fields; {len(samples['validate'])} runs; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print(f"{'measure':<22}{'median ms':>12}{'p95 ms':>10}")
    for name, values in samples.items():
        median, p95 = statistics.median(values), _percentile(values, 0.95)
        print(f"{name:<22}{median:>12.2f}{p95:>10.2f}")
    total = samples["validate + compile"]
    worst = max(statistics.median(total), _percentile(total, 0.95))
    verdict = "PASS" if worst <= TARGET_MS else "FAIL"
    print(f"target: median and p95 of validate + compile <= {TARGET_MS:.0f} ms -> {verdict}")
    if publish is not None:
        print(f"publish (second version): {publish[0]} SQL statements, {publish[1]:.2f} ms")
    return 0 if verdict == "PASS" else 1


if __name__ == "__main__":
    sys.exit(main())
