"""Immutable specs compiled from a valid definition: what the runtime reads.

Only :func:`gongwen.definitions.compile_form` and :func:`~gongwen.definitions.compile_flow`
build these, and only from a definition that
``validate`` accepted, so the runtime never re-checks them. Designer-only data (``ui``) is not
here. Specs are frozen and hashable-by-identity; collections are tuples or read-only mappings.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class NodeType(StrEnum):
    """Node types of contract 4; each is described once in :mod:`gongwen.definitions.catalog`.

    The 公文 steps (register, number, seal, dispatch, archive) are given their meaning by the
    documents layer through the runtime's step registry.
    """

    START = "start"
    APPROVE = "approve"
    HANDLE = "handle"
    CC = "cc"
    EXCLUSIVE = "exclusive"
    PARALLEL = "parallel"  # split
    JOIN = "join"
    SERVICE = "service"
    SUBFLOW = "subflow"
    REGISTER = "register"  # 收文登记
    NUMBER = "number"
    SEAL = "seal"
    DISPATCH = "dispatch"
    ARCHIVE = "archive"
    END = "end"


class ApprovalMode(StrEnum):
    """How the assignees of an approve node decide."""

    SINGLE = "single"  # 单人: one assignee (or the first to claim)
    ALL = "all"  # 会签: everyone must approve
    ANY = "any"  # 或签: the first approval decides
    RATIO = "ratio"  # a share of approvals decides
    SEQUENTIAL = "sequential"  # 依次: one after another in order


class EmptyAssigneePolicy(StrEnum):
    """What happens when an assignee rule resolves to nobody."""

    SKIP = "skip"
    TO_ADMIN = "to_admin"
    ERROR = "error"


class Escalation(StrEnum):
    """What happens when a deadline passes."""

    NOTIFY_SUPERIOR = "notify_superior"
    AUTO_APPROVE = "auto_approve"
    AUTO_RETURN = "auto_return"
    NONE = "none"


class FieldAccess(StrEnum):
    """Per-node permission on one form field."""

    HIDDEN = "hidden"
    READONLY = "readonly"
    EDITABLE = "editable"
    REQUIRED = "required"


def frozen_map(data: dict[str, Any] | None = None) -> MappingProxyType:
    """Return a read-only view of ``data`` (used for spec mappings)."""
    return MappingProxyType(dict(data or {}))


@dataclass(frozen=True)
class AssigneeSpec:
    """An assignee rule by registered name, with its parameters (already validated)."""

    rule: str
    params: MappingProxyType = field(default_factory=frozen_map)


@dataclass(frozen=True)
class DeadlineSpec:
    """A node's time limit, reminder and escalation; durations in working time if set."""

    duration: timedelta
    working_time: bool = True
    remind_before: timedelta | None = None
    escalation: Escalation = Escalation.NONE


@dataclass(frozen=True)
class EdgeSpec:
    """A directed edge; ``condition`` is JSON Logic data, ``default`` marks the else-branch."""

    source: str
    target: str
    condition: Any = None
    default: bool = False
    order: int = 0


@dataclass(frozen=True)
class NodeSpec:
    """One node of a flow with everything the runtime needs to run it."""

    id: str
    type: NodeType
    name: MappingProxyType = field(default_factory=frozen_map)  # {"zh-Hans": …, "en": …}
    assignee: AssigneeSpec | None = None
    on_empty: EmptyAssigneePolicy = EmptyAssigneePolicy.ERROR
    mode: ApprovalMode = ApprovalMode.SINGLE
    ratio: float | None = None
    deadline: DeadlineSpec | None = None
    actions: tuple[str, ...] = ()
    opinion_required: bool = False
    fields: MappingProxyType = field(default_factory=frozen_map)  # field → FieldAccess
    skippable_when_urgent: bool = False
    auto_approve_repeat: bool = False  # 去重: same person twice in a row
    claim: bool = False  # 认领: one pool task for the role/position holders, one claims it
    return_targets: tuple[str, ...] = ()  # nodes 退回 may go to ("*" = any earlier)
    params: MappingProxyType = field(default_factory=frozen_map)  # type-specific settings


@dataclass(frozen=True)
class DocumentSettingsSpec:
    """The 公文 settings of a document type."""

    kind: str  # one of the 15 kinds, e.g. "通知"
    direction: str  # "down" 下行文, "up" 上行文, "parallel" 平行文, "incoming" 收文
    organ_code: str  # 发文机关代字, e.g. "县政办发"
    numbering_series: str | None
    template: str | None
    secrecy: str  # default 密级
    urgency: str  # default 紧急程度
    retention: str  # 保管期限 code: Y, D30, D10
    archive_category: str  # e.g. "WS"
    #: (drafting organ's department code, its own 代字 and series); a tuple, not a mapping,
    #: so ``dataclasses.asdict`` can copy the spec
    organs: tuple[tuple[str, OrganSeriesSpec], ...] = ()

    def for_organ(self, department_code: str | None) -> OrganSeriesSpec:
        """Return the 代字 and numbering series a document drafted in that organ uses.

        An organ the flow lists gets its own; any other gets the flow's defaults
        (``organ_code``, ``numbering_series``).
        """
        for code, organ in self.organs:
            if code == department_code:
                return organ
        return OrganSeriesSpec(self.organ_code, self.numbering_series)

    def series_for_code(self, organ_code: str) -> str | None:
        """Return the numbering series that goes with the 发文机关代字 ``organ_code``."""
        for _code, organ in self.organs:
            if organ.organ_code == organ_code:
                return organ.numbering_series
        return self.numbering_series


@dataclass(frozen=True)
class OrganSeriesSpec:
    """The 发文机关代字 and numbering series one drafting organ uses for a document type."""

    organ_code: str
    numbering_series: str | None


@dataclass(frozen=True)
class FlowSpec:
    """A compiled, published flow: nodes by id, edges in order, document settings."""

    key: str
    version: int
    name: MappingProxyType
    form_key: str
    nodes: MappingProxyType  # id → NodeSpec, in definition order
    edges: tuple[EdgeSpec, ...]
    document: DocumentSettingsSpec | None
    content_hash: str = ""

    @property
    def start(self) -> NodeSpec:
        """Return the start node."""
        return next(n for n in self.nodes.values() if n.type == NodeType.START)

    def outgoing(self, node_id: str) -> tuple[EdgeSpec, ...]:
        """Return the edges leaving ``node_id`` in evaluation order."""
        return tuple(
            sorted(
                (e for e in self.edges if e.source == node_id), key=lambda e: (e.default, e.order)
            )
        )

    def incoming(self, node_id: str) -> tuple[EdgeSpec, ...]:
        """Return the edges entering ``node_id``."""
        return tuple(e for e in self.edges if e.target == node_id)


@dataclass(frozen=True)
class FieldSpec:
    """One form field: its type as the data schema says and its widget."""

    name: str
    type: str  # text, long_text, number, money, date, datetime, select, multi_select,
    #            person, department, attachment, table, opinion, computed
    label: MappingProxyType = field(default_factory=frozen_map)
    required: bool = False
    options: tuple[Any, ...] = ()
    columns: tuple[FieldSpec, ...] = ()  # for 明细表 sub-tables
    formula: Any = None  # JSON Logic for computed fields
    result_type: str | None = None  # computed: number, text, date, boolean
    multiple: bool = False  # person/department pickers holding a list
    params: MappingProxyType = field(default_factory=frozen_map)  # max_length, minimum, …


@dataclass(frozen=True)
class FormSpec:
    """A compiled form: its JSON Schema for data, fields, and conditional rules."""

    key: str
    version: int
    data_schema: MappingProxyType
    fields: MappingProxyType  # name → FieldSpec
    rules: tuple[Any, ...] = ()  # JSON Logic visibility/required rules
    content_hash: str = ""
    name: MappingProxyType = field(default_factory=frozen_map)  # {"zh-Hans": …, "en": …}
    ui_schema: MappingProxyType = field(default_factory=frozen_map)  # sections, widgets
