"""The longest key and node id a definition may have still fit the stored references."""

from __future__ import annotations

from gongwen.runtime.actions import Approve
from gongwen.runtime.models import Process
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import flow, node

LONGEST_KEY = "k" + "-" * 62  # the schema allows [a-z][a-z0-9_-]{0,62}
LONGEST_NODE = "n" + "_" * 63  # and node ids of up to 64 characters


def test_a_flow_with_the_longest_names_runs_and_resumes(people) -> None:
    nodes = [
        node("start", "start"),
        node(LONGEST_NODE, "approve", {"rule": "user", "username": "wujing"}),
        node("end", "end"),
    ]
    edges = [("start", LONGEST_NODE), (LONGEST_NODE, "end")]
    spec = flow(LONGEST_KEY, nodes, edges, unique=False)
    process = start(spec, people["huangmin"])
    (task,) = open_at(process, LONGEST_NODE)
    Approve(task, people["wujing"]).execute()
    assert Process.objects.get(pk=process.pk).outcome == "completed"
