"""The node catalog: every node type of contract 4 defined once.

An entry says what the validator, the compiler, the engine and the designer need to know of a
node type: its parameter JSON Schema (``params``), the optional settings it accepts, how many
edges may leave it, whether people work on its tasks, its designer metadata (name, icon,
category) — and, through :data:`engine_nodes`, which engine class runs it.

One source, read by everyone:

- ``flow_defs/schema/flow.schema.json`` holds the node ``type`` enum, one ``$defs/params_<type>``
  per type and the ``allOf`` rules that bind them, all generated from this catalog by
  :func:`write_flow_schema` (run it after changing an entry); a test fails on drift.
- ``node_checks`` reads :func:`allowed_settings`; ``views`` the human and returnable types.
- The engine (``gongwen.runtime.engine.builder``) registers one factory per type in
  :data:`engine_nodes` at import: definitions never import the runtime (DESIGN.md: a lower
  layer exposes a registry the upper layer fills). ``runtime.steps`` reads the 公文 step types.
- ``web`` serves :func:`catalog_json` read-only at ``/definitions/node-catalog.json``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from gongwen.definitions.registries import Registry
from gongwen.definitions.specs import NodeType

#: The one name of a service node's hook parameter (docs/definitions.md, the schema, the engine).
SERVICE_PARAM = "service"
#: The one name of a subflow node's document-type parameter.
SUBFLOW_PARAM = "flow"


class Category(StrEnum):
    """Where the designer's palette groups a node type."""

    EVENT = "event"
    TASK = "task"
    GATEWAY = "gateway"
    AUTOMATIC = "automatic"
    DOCUMENT = "document"


class Outgoing(StrEnum):
    """How many edges may leave a node of the type (the graph checks enforce it)."""

    NONE = "none"  # end
    ONE = "one"  # every non-gateway node
    MANY = "many"  # gateways: exclusive (conditions), parallel (all)


_TASK_SETTINGS = frozenset(
    {
        "assignee", "on_empty", "deadline", "actions", "opinion_required", "fields",
        "skippable_when_urgent", "auto_approve_repeat", "return_targets", "params",
    }
)  # fmt: skip
_DECIDING = _TASK_SETTINGS | {"mode", "ratio", "claim"}


def _params(properties: dict[str, Any] | None = None, required: tuple[str, ...] = ()) -> dict:
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": properties or {},
    }
    if required:
        schema["required"] = list(required)
    return schema


#: Patterns end ``(?!\n)$``: jsonschema matches with ``re.search``, where a bare ``$`` also
#: matches before a final newline ("notice\n" would be a key); the lookahead means the same in
#: Python and in the designer's JavaScript (``\Z`` would not).
_KEY = {"type": "string", "pattern": r"^[a-z][a-z0-9_-]{0,62}(?!\n)$"}
_SIGNS = {
    "signs_document": {
        "description": "Approving this node is the 签发 (default: the node requires the "
        "sign_opinion field).",
        "type": "boolean",
    }
}


@dataclass(frozen=True)
class NodeKind:
    """One node type as the catalog defines it."""

    type: NodeType
    name: dict[str, str]  # {"zh-Hans": …, "en": …}
    category: Category
    icon: str  # a name the designer maps to its icon set
    settings: frozenset[str]  # optional node settings it accepts besides id, type, name
    params: dict[str, Any]  # JSON Schema of ``params``
    outgoing: Outgoing = Outgoing.ONE
    human: bool = False  # people work on its tasks (assignee, deadline, actions …)
    returnable: bool = False  # a 退回 may go back to it
    needs_assignee: bool = False
    needs_params: bool = False
    description: str = ""

    def as_json(self) -> dict[str, Any]:
        """Return the entry as the designer reads it (engine class included if registered)."""
        factory = engine_nodes.get(self.type) if self.type in engine_nodes else None
        return {
            "type": str(self.type),
            "name": dict(self.name),
            "description": self.description,
            "category": str(self.category),
            "icon": self.icon,
            "settings": sorted(self.settings),
            "params": self.params,
            "outgoing": str(self.outgoing),
            "human": self.human,
            "returnable": self.returnable,
            "needs_assignee": self.needs_assignee,
            "engine": _qualified(factory),
        }


def _qualified(factory: Any) -> str | None:
    if factory is None:
        return None
    return f"{factory.__module__}.{factory.__qualname__}"


def _document_step(
    node_type: NodeType, zh: str, en: str, icon: str, params: dict, description: str
) -> NodeKind:
    return NodeKind(
        node_type,
        {"zh-Hans": zh, "en": en},
        Category.DOCUMENT,
        icon,
        _TASK_SETTINGS,
        params,
        human=True,
        returnable=node_type != NodeType.ARCHIVE,
        description=description,
    )


CATALOG: dict[NodeType, NodeKind] = {
    kind.type: kind
    for kind in (
        NodeKind(
            NodeType.START,
            {"zh-Hans": "开始（拟稿）", "en": "Start (draft)"},
            Category.EVENT,
            "play",
            frozenset({"fields", "params"}),
            _params(),
            returnable=True,
            description="Where the initiator drafts; exactly one per flow, no incoming edge.",
        ),
        NodeKind(
            NodeType.APPROVE,
            {"zh-Hans": "审批", "en": "Approval"},
            Category.TASK,
            "check-circle",
            _DECIDING,
            _params(_SIGNS),
            human=True,
            returnable=True,
            needs_assignee=True,
            description="A decision: single, 会签 all, 或签 any, ratio or 依次 sequential.",
        ),
        NodeKind(
            NodeType.HANDLE,
            {"zh-Hans": "办理", "en": "Handling"},
            Category.TASK,
            "clipboard",
            _DECIDING,
            _params(),
            human=True,
            returnable=True,
            needs_assignee=True,
            description="Work to do without a decision (承办, 办结).",
        ),
        NodeKind(
            NodeType.CC,
            {"zh-Hans": "抄送/传阅", "en": "Copy (circulate)"},
            Category.AUTOMATIC,
            "eye",
            frozenset({"assignee", "on_empty", "fields", "skippable_when_urgent", "params"}),
            _params(),
            needs_assignee=True,
            description="Hands out read-only 待阅 items and moves on without waiting.",
        ),
        NodeKind(
            NodeType.EXCLUSIVE,
            {"zh-Hans": "条件分支", "en": "Exclusive gateway"},
            Category.GATEWAY,
            "git-branch",
            frozenset(),
            _params(),
            outgoing=Outgoing.MANY,
            description="Takes the first outgoing edge whose condition holds, else the default.",
        ),
        NodeKind(
            NodeType.PARALLEL,
            {"zh-Hans": "并行分支", "en": "Parallel split"},
            Category.GATEWAY,
            "git-fork",
            frozenset(),
            _params(),
            outgoing=Outgoing.MANY,
            description="Takes every outgoing edge; the branches meet at one join.",
        ),
        NodeKind(
            NodeType.JOIN,
            {"zh-Hans": "汇聚", "en": "Join"},
            Category.GATEWAY,
            "git-merge",
            frozenset(),
            _params(),
            description="Waits for every branch of its parallel split.",
        ),
        NodeKind(
            NodeType.SERVICE,
            {"zh-Hans": "服务调用", "en": "Service call"},
            Category.AUTOMATIC,
            "server",
            frozenset({"params", "skippable_when_urgent"}),
            _params(
                {
                    SERVICE_PARAM: {
                        "description": "Name of the registered service hook to call.",
                        "type": "string",
                        "minLength": 1,
                        "maxLength": 100,
                    },
                    "max_attempts": {"type": "integer", "minimum": 1, "maximum": 10},
                    "backoff_seconds": {"type": "number", "minimum": 0, "maximum": 86400},
                    "arguments": {
                        "description": "Passed to the hook as they are.",
                        "type": "object",
                    },
                },
                (SERVICE_PARAM,),
            ),
            needs_params=True,
            description="Calls a plugin's service hook on the worker, retried with backoff.",
        ),
        NodeKind(
            NodeType.SUBFLOW,
            {"zh-Hans": "子流程", "en": "Subflow"},
            Category.AUTOMATIC,
            "layers",
            frozenset({"params", "skippable_when_urgent"}),
            _params(
                {SUBFLOW_PARAM: {**_KEY, "description": "Key of the document type to start."}},
                (SUBFLOW_PARAM,),
            ),
            needs_params=True,
            description="Starts a process of another document type and waits until it ends.",
        ),
        _document_step(
            NodeType.REGISTER,
            "登记",
            "Registration",
            "inbox",
            _params(),
            "收文: gives a received document its registration number (no 签发 needed).",
        ),
        _document_step(
            NodeType.NUMBER,
            "编号",
            "Numbering",
            "hash",
            _params(),
            "发文: gives the signed document its 发文字号 from the organ's series.",
        ),
        _document_step(
            NodeType.SEAL,
            "用印",
            "Sealing",
            "stamp",
            _params(),
            "Seals and signs the final PDF with the organ's seal.",
        ),
        _document_step(
            NodeType.DISPATCH,
            "分发",
            "Dispatch",
            "send",
            _params(
                {
                    "recipients_field": {
                        "description": "Form field holding the recipients.",
                        "type": "string",
                        "maxLength": 64,
                    },
                    "exchange": {
                        "description": "Deliver to the recipient departments as 收文.",
                        "type": "boolean",
                    },
                }
            ),
            "Records the distribution to the 主送 and 抄送 organs.",
        ),
        _document_step(
            NodeType.ARCHIVE,
            "归档",
            "Archiving",
            "archive",
            _params(),
            "Files the document; from then on it never changes.",
        ),
        NodeKind(
            NodeType.END,
            {"zh-Hans": "结束（办结）", "en": "End"},
            Category.EVENT,
            "stop-circle",
            frozenset(),
            _params(),
            outgoing=Outgoing.NONE,
            description="Ends the process; at least one per flow, no outgoing edge.",
        ),
    )
}

#: The engine's node factory per type (``NodeSpec → viewflow node``), registered by the runtime.
engine_nodes: Registry[Callable[[Any], Any]] = Registry("engine node factory")


def entry(node_type: str) -> NodeKind:
    """Return the catalog entry of ``node_type`` (``KeyError`` for an unknown type)."""
    return CATALOG[NodeType(node_type)]


def types_where(predicate: Callable[[NodeKind], bool]) -> frozenset[str]:
    """Return the type names of the entries ``predicate`` accepts."""
    return frozenset(str(kind.type) for kind in CATALOG.values() if predicate(kind))


def allowed_settings() -> dict[str, frozenset[str]]:
    """Return the optional settings each node type accepts (``id``, ``type``, ``name`` always)."""
    return {str(kind.type): kind.settings for kind in CATALOG.values()}


def catalog_json() -> dict[str, Any]:
    """Return the whole catalog as the designer reads it."""
    return {"schema_version": 1, "node_types": [kind.as_json() for kind in CATALOG.values()]}


# The flow schema's generated part ------------------------------------------------------------


def params_def(node_type: str) -> str:
    """Return the name of ``node_type``'s parameter schema under the flow schema's ``$defs``."""
    return f"params_{node_type}"


def schema_parts() -> dict[str, Any]:
    """Return what ``flow.schema.json`` takes from the catalog: type enum, params, rules."""
    rules: list[dict[str, Any]] = []
    for kind in CATALOG.values():
        then: dict[str, Any] = {
            "properties": {"params": {"$ref": f"#/$defs/{params_def(kind.type)}"}}
        }
        required = (["assignee"] if kind.needs_assignee else []) + (
            ["params"] if kind.needs_params else []
        )
        if required:
            then["required"] = required
        rules.append({"if": {"properties": {"type": {"const": str(kind.type)}}}, "then": then})
    return {
        "types": [str(kind.type) for kind in CATALOG.values()],
        "defs": {params_def(kind.type): kind.params for kind in CATALOG.values()},
        "rules": rules,
    }


def with_schema_parts(schema: dict[str, Any]) -> dict[str, Any]:
    """Return ``schema`` (the flow schema) with its catalog parts replaced by generated ones."""
    parts = schema_parts()
    defs = {k: v for k, v in schema["$defs"].items() if not k.startswith("params_")}
    node = dict(defs["node"])
    properties = dict(node["properties"])
    properties["type"] = {**properties["type"], "enum": parts["types"]}
    node["properties"], node["allOf"] = properties, parts["rules"]
    return {**schema, "$defs": {**defs, "node": node, **parts["defs"]}}


def flow_schema_path() -> Path:
    """Return the path of the committed flow schema."""
    from gongwen.definitions.schemas import SCHEMA_DIR

    return SCHEMA_DIR / "flow.schema.json"


def write_flow_schema() -> bool:
    """Regenerate the catalog's parts of ``flow.schema.json``; return whether it changed."""
    path = flow_schema_path()
    old = path.read_text(encoding="utf-8")
    new = json.dumps(with_schema_parts(json.loads(old)), ensure_ascii=False, indent=2) + "\n"
    if new != old:
        path.write_text(new, encoding="utf-8")
    return new != old
