"""Hypothesis strategies for random valid flows: start → 1–6 blocks → end, blocks nested.

A *block* is a person's step (approve or handle, any approval mode, one to three of a fixed
set of demo people, sometimes nobody with ``on_empty: skip``, sometimes skippable when 特急,
sometimes returnable to any earlier step, sometimes a 认领 step waiting in the registrars'
pool), an exclusive gateway whose two branches merge
again, a parallel split of two or three branches met by a join, or a cc step. Branches hold
blocks themselves, two levels deep.

The blocks render to a flow *definition* and its form (JSON documents), which go through the
definitions layer's one validator and compiler (:func:`gongwen.definitions.compile_flow`), so
every generated flow is one a person could publish.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from gongwen.definitions import compile_flow
from gongwen.definitions.specs import FlowSpec

#: Who the generated steps go to. 陈明 (chenming) has delegated to 刘洋 (liuyang) in the demo,
#: so his steps land on 刘洋 on his behalf; 黄敏 (huangmin) is also the initiator.
ASSIGNEES = ("wujing", "yangfan", "hetao", "guoyan", "linfeng", "chenming", "huangmin")
#: Everyone the walk may hand a task to, add as a signer or delegate to.
PEOPLE = (*ASSIGNEES, "liuyang", "sunli", "mahui")
INITIATOR = "huangmin"
#: The pool a 认领 step waits in: 县政府办's registrars (何涛, 郭燕, 马慧).
POOL = {"rule": "role", "role": "registrar", "within": "initiator_org"}
POOL_MEMBERS = ("hetao", "guoyan", "mahui")
MODES = ("single", "all", "any", "sequential", "ratio")
RATIOS = (0.5, 0.6, 1.0)
#: Values of the form's ``amount`` the exclusive gateways compare against their threshold.
AMOUNTS = (None, 0, 50, 100, 150, 1000)
THRESHOLDS = (0, 100, 500)
MAX_DEPTH = 2

_serial = itertools.count(1)


@dataclass(frozen=True)
class Person:
    """An approve or handle step for ``people`` (none: nobody is found and it is skipped)."""

    type: str
    mode: str
    people: tuple[str, ...]
    by_field: bool  # the form names the people (``form_field``) rather than a ``user`` rule
    ratio: float | None = None
    urgent_skip: bool = False
    return_any: bool = False
    repeat: bool = False
    claim: bool = False  # 认领: one task in the registrars' pool, whoever claims it


@dataclass(frozen=True)
class Copy:
    """A cc step: one 待阅 item, the flow passes on at once."""

    username: str


@dataclass(frozen=True)
class Choice:
    """An exclusive gateway: ``form.amount > threshold`` takes ``then``, else ``otherwise``."""

    threshold: int
    then: tuple[Any, ...]
    otherwise: tuple[Any, ...] = ()  # empty: the default edge goes straight to what follows


@dataclass(frozen=True)
class Split:
    """A parallel split whose branches all meet at one join."""

    branches: tuple[tuple[Any, ...], ...]


@st.composite
def persons(draw: st.DrawFn) -> Person:
    """Draw a person's step."""
    nobody = draw(st.integers(0, 7)) == 0
    mode = draw(st.sampled_from(MODES))
    people = (
        ()
        if nobody
        else tuple(draw(st.lists(st.sampled_from(ASSIGNEES), min_size=1, max_size=3, unique=True)))
    )
    by_field = nobody or len(people) > 1 or draw(st.booleans())
    return Person(
        type=draw(st.sampled_from(("approve", "approve", "handle"))),
        mode=mode,
        people=people,
        by_field=by_field,
        ratio=draw(st.sampled_from(RATIOS)) if mode == "ratio" else None,
        urgent_skip=draw(st.integers(0, 3)) == 0,
        return_any=draw(st.booleans()),
        repeat=draw(st.integers(0, 4)) == 0,
        claim=draw(st.integers(0, 5)) == 0,
    )


def copies() -> st.SearchStrategy[Copy]:
    """Draw a cc step."""
    return st.builds(Copy, st.sampled_from(ASSIGNEES))


def blocks(depth: int = 0) -> st.SearchStrategy[Any]:
    """Draw one block; gateways and splits nest up to :data:`MAX_DEPTH` levels."""
    leaves = st.one_of(persons(), persons(), persons(), copies())
    if depth >= MAX_DEPTH:
        return leaves
    inner = st.lists(st.deferred(lambda: blocks(depth + 1)), min_size=1, max_size=2)
    choice = st.builds(
        Choice,
        st.sampled_from(THRESHOLDS),
        inner.map(tuple),
        st.one_of(st.just([]), inner).map(tuple),
    )
    split = st.builds(Split, st.lists(inner.map(tuple), min_size=2, max_size=3).map(tuple))
    return st.one_of(leaves, choice, split)


def structures() -> st.SearchStrategy[tuple[Any, ...]]:
    """Draw the blocks between start and end: one to six."""
    return st.lists(blocks(), min_size=1, max_size=6).map(tuple)


@dataclass
class _Builder:
    """Render blocks to the nodes, edges and form fields of a definition."""

    nodes: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    fields: list[dict[str, Any]] = field(default_factory=list)
    people: dict[str, list[str]] = field(default_factory=dict)  # form field → usernames
    count: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(self, prefix: str, node_type: str, **settings: Any) -> str:
        node_id = f"{prefix}{next(self.count)}"
        self.nodes.append({"id": node_id, "type": node_type, **settings})
        return node_id

    def connect(self, exits: list[tuple[str, dict]], target: str) -> None:
        for source, extra in exits:
            self.edges.append({"from": source, "to": target, **extra})

    def sequence(self, items: tuple[Any, ...], exits: list[tuple[str, dict]]) -> list:
        for item in items:
            exits = self.block(item, exits)
        return exits

    def block(self, item: Any, exits: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        if isinstance(item, Person):
            node_id = self.person(item)
        elif isinstance(item, Copy):
            assignee = {"rule": "user", "username": item.username}
            node_id = self.add("cc", "cc", assignee=assignee)
        elif isinstance(item, Choice):
            return self.choice(item, exits)
        else:
            return self.split(item, exits)
        self.connect(exits, node_id)
        return [(node_id, {})]

    def person(self, step: Person) -> str:
        if step.claim:
            prefix = "c" if step.type == "approve" else "d"
            return self.add(prefix, step.type, mode="single", assignee=POOL, claim=True)
        settings: dict[str, Any] = {"mode": step.mode}
        if step.ratio is not None:
            settings["ratio"] = step.ratio
        if step.urgent_skip:
            settings["skippable_when_urgent"] = True
        if step.return_any:
            settings["return_targets"] = ["*"]
        if step.repeat:
            settings["auto_approve_repeat"] = True
        prefix = "a" if step.type == "approve" else "h"
        node_id = self.add(prefix, step.type, **settings)
        node = self.nodes[-1]
        if step.by_field:
            name = f"{node_id}_people"
            label = {"zh-Hans": name, "en": name}
            self.fields.append({"name": name, "type": "person", "label": label, "multiple": True})
            self.people[name] = list(step.people)
            node["assignee"] = {"rule": "form_field", "field": name}
            if not step.people:
                node["on_empty"] = "skip"
        else:
            node["assignee"] = {"rule": "user", "username": step.people[0]}
        return node_id

    def choice(self, item: Choice, exits: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        gateway = self.add("x", "exclusive")
        self.connect(exits, gateway)
        when = {">": [{"var": "form.amount"}, item.threshold]}
        then = self.sequence(item.then, [(gateway, {"when": when, "order": 1})])
        otherwise = self.sequence(item.otherwise, [(gateway, {"default": True})])
        return then + otherwise

    def split(self, item: Split, exits: list[tuple[str, dict]]) -> list[tuple[str, dict]]:
        split = self.add("split", "parallel")
        self.connect(exits, split)
        ends: list[tuple[str, dict]] = []
        for branch in item.branches:
            ends += self.sequence(branch, [(split, {})])
        join = self.add("join", "join")
        self.connect(ends, join)
        return [(join, {})]


@dataclass(frozen=True)
class Generated:
    """A generated flow: its definition and form documents, and the people its form names."""

    flow_doc: dict[str, Any]
    form_doc: dict[str, Any]
    people: dict[str, list[str]]

    def compile(self) -> FlowSpec:
        """Return the spec (validated and compiled as any definition is) under a fresh key.

        Flow classes are cached per key and version for the interpreter's life, so every
        compiled example needs a key of its own.
        """
        key = f"walk-{next(_serial)}"
        flow_doc = {**self.flow_doc, "key": key, "form": key}
        form_doc = {**self.form_doc, "key": key}
        return compile_flow(flow_doc, form_doc, version=1)


def render(structure: tuple[Any, ...]) -> Generated:
    """Return the definition and form documents of start → ``structure`` → end."""
    builder = _Builder()
    builder.nodes.append({"id": "start", "type": "start"})
    exits = builder.sequence(structure, [("start", {})])
    builder.nodes.append({"id": "end", "type": "end"})
    builder.connect(exits, "end")
    amount = {"name": "amount", "type": "number", "label": {"zh-Hans": "金额", "en": "Amount"}}
    name = {"zh-Hans": "随机流程", "en": "Random flow"}
    form_doc = {
        "schema_version": 1,
        "kind": "form",
        "key": "walk",
        "name": name,
        "fields": [amount, *builder.fields],
    }
    flow_doc = {
        "schema_version": 1,
        "kind": "flow",
        "key": "walk",
        "name": name,
        "form": "walk",
        "nodes": builder.nodes,
        "edges": builder.edges,
    }
    return Generated(flow_doc, form_doc, builder.people)
