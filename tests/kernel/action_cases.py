"""The table of every registered action for the hostile-input test, and the scenes it needs.

:data:`CASES` builds each registered action with valid parameters (each action's constructor
differs) and says what kind each parameter is (:data:`ID`, :data:`TEXT` …), so
``test_actions__hostile_input.py`` can derive the hostile inputs from the kinds. A scene
(``_at_section``, ``_drafted`` …) starts what an action needs on the demo county.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from gongwen.kernel.actions import registered
from gongwen.runtime import actions as runtime_actions
from tests.kernel.action_scenes import (
    _approved_section,
    _at_office,
    _at_section,
    _definitions,
    _document_type,
    _draft,
    _drafted,
    _failed_service,
    _issued_number,
    _notice_draft,
    _phrases,
    _pool,
    _process_of,
    _published_notice,
    _read_item,
    _sample,
    _spec,
    _start_document,
    _with_series,
    _with_title,
)

#: Packages whose ``actions`` module registers actions (imported if they exist yet).
ACTION_PACKAGES = ("gongwen.runtime", "gongwen.documents", "gongwen.definitions")

ID, ACTOR, TEXT, PERSON, PEOPLE, CHOICE, DATA, CHOSEN, SPEC = (
    "id",
    "actor",
    "text",
    "person",
    "people",
    "choice",
    "data",
    "chosen",
    "spec",
)
MOMENT = "moment"  # a date and time with its time zone
UNSTORABLE = ["撤\x00销", "\ud800", "a\x1bb", "a\x7fb", "a\x85b"]
HUGE = ["长" * 1_000_000, "a" * (1 << 20)]
UNKNOWN_IDS = [10**9, 2**70, 0, -1, "999999999"]
WRONG: dict[str, list[Any]] = {
    ID: ["abc", "１２", 1.5, True, [], {}, b"1", object()],
    ACTOR: ["huangmin", 12, {}, object()],
    TEXT: [12, 1.5, ["x"], {"a": 1}, b"x", object()],
    PERSON: ["chenming", 12, [], {}, object(), None],
    PEOPLE: ["abc", 12, {"a": 1}, [1, 2], ["chenming"], [None], object()],
    CHOICE: [12, 1.5, [], {}, b"x", object(), None],
    DATA: ["abc", 12, [], ["x"], 1.5],
    CHOSEN: ["abc", 12, [], {"x": "y"}, {"x": [1]}, {1: ["a"]}],
    SPEC: ["abc", 12, {}, None, object()],
}

WRONG[MOMENT] = ["2026-01-01", 12, 1.5, [], {}, None, object(), datetime(2026, 1, 1)]


@dataclass
class Case:
    """How to build one action: a scene with valid parameters, and each parameter's kind."""

    setup: Callable[[dict], dict]
    build: Callable[..., Any]
    kinds: dict[str, str]
    valid: dict[str, Callable[[dict], Any]] = field(default_factory=dict)
    strangers: tuple[str, ...] = ("wujing",)
    #: Whether the action addresses an existing process (``False``: start, drafts).
    on_process: bool = True


A = runtime_actions
TASK_KINDS = {"task": ID, "actor": ACTOR, "opinion": TEXT}

CASES: dict[str, Case] = {
    "gongwen.task.approve": Case(
        _at_section,
        lambda p: A.Approve(p["task"], p["actor"], opinion=p["opinion"], chosen=p["chosen"]),
        {**TASK_KINDS, "chosen": CHOSEN},
        {"opinion": lambda people: "同意", "chosen": lambda people: {}},
    ),
    "gongwen.task.reject": Case(
        _at_section,
        lambda p: A.Reject(p["task"], p["actor"], opinion=p["opinion"]),
        TASK_KINDS,
        {"opinion": lambda people: "不同意"},
    ),
    "gongwen.task.return": Case(
        _at_office,
        lambda p: A.ReturnTo(p["task"], p["actor"], target=p["target"], opinion=p["opinion"]),
        {**TASK_KINDS, "target": CHOICE},
        {"target": lambda people: "section", "opinion": lambda people: "请修改"},
        strangers=("yangfan",),
    ),
    "gongwen.task.transfer": Case(
        _at_section,
        lambda p: A.Transfer(p["task"], p["actor"], to=p["to"], opinion=p["opinion"]),
        {**TASK_KINDS, "to": PERSON},
        {"to": lambda people: people["chenming"], "opinion": lambda people: "转"},
    ),
    "gongwen.task.delegate": Case(
        _at_section,
        lambda p: A.Delegate(p["task"], p["actor"], to=p["to"], opinion=p["opinion"]),
        {**TASK_KINDS, "to": PERSON},
        {"to": lambda people: people["chenming"], "opinion": lambda people: "托"},
    ),
    "gongwen.task.add_signer": Case(
        _at_section,
        lambda p: A.AddSigner(
            p["task"], p["actor"], people=p["people"], position=p["position"], opinion=p["opinion"]
        ),
        {**TASK_KINDS, "people": PEOPLE, "position": CHOICE},
        {
            "people": lambda people: [people["chenming"]],
            "position": lambda people: "parallel",
            "opinion": lambda people: "加",
        },
    ),
    "gongwen.task.withdraw": Case(
        _approved_section,
        lambda p: A.Withdraw(p["task"], p["actor"]),
        {"task": ID, "actor": ACTOR},
    ),
    "gongwen.task.claim": Case(
        _pool,
        lambda p: A.Claim(p["task"], p["actor"]),
        {"task": ID, "actor": ACTOR},
        strangers=("wujing", "zhengkai"),
    ),
    "gongwen.task.unclaim": Case(
        lambda people: _pool(people, claimed=True),
        lambda p: A.Unclaim(p["task"], p["actor"]),
        {"task": ID, "actor": ACTOR},
        strangers=("hetao", "wujing"),
    ),
    "gongwen.task.urge": Case(
        lambda people: _process_of(people, "huangmin"),
        lambda p: A.Urge(p["process"], p["actor"], message=p["message"]),
        {"process": ID, "actor": ACTOR, "message": TEXT},
        {"message": lambda people: "请尽快"},
    ),
    "gongwen.process.terminate": Case(
        lambda people: _process_of(people, "huangmin"),
        lambda p: A.Terminate(p["process"], p["actor"], reason=p["reason"]),
        {"process": ID, "actor": ACTOR, "reason": TEXT},
        {"reason": lambda people: "不再需要"},
    ),
    "gongwen.admin.jump": Case(
        lambda people: _process_of(people, "admin"),
        lambda p: A.Jump(
            p["process"], p["actor"], target=p["target"], to=p["to"], reason=p["reason"]
        ),
        {"process": ID, "actor": ACTOR, "target": CHOICE, "to": PEOPLE, "reason": TEXT},
        {
            "target": lambda people: "office",
            "to": lambda people: [people["chenming"]],
            "reason": lambda people: "跳",
        },
        strangers=("huangmin", "wujing"),
    ),
    "gongwen.admin.reassign": Case(
        lambda people: {**_at_section(people), "actor": people["admin"]},
        lambda p: A.Reassign(p["task"], p["actor"], to=p["to"], reason=p["reason"]),
        {"task": ID, "actor": ACTOR, "to": PERSON, "reason": TEXT},
        {"to": lambda people: people["chenming"], "reason": lambda people: "改"},
        strangers=("huangmin", "yangfan"),
    ),
    "gongwen.admin.retry": Case(
        _failed_service,
        lambda p: A.RetryService(p["task"], p["actor"]),
        {"task": ID, "actor": ACTOR},
        strangers=("huangmin", "wujing"),
    ),
    "gongwen.process.start": Case(
        lambda people: {"spec": _spec(), "actor": people["huangmin"]},
        lambda p: A.StartProcess(
            p["spec"],
            p["actor"],
            data=p["data"],
            title=p["title"],
            urgency=p["urgency"],
            chosen=p["chosen"],
        ),
        {"spec": SPEC, "actor": ACTOR, "data": DATA, "title": TEXT, "urgency": CHOICE},
        {
            "data": lambda people: {},
            "title": lambda people: "关于测试的通知",
            "urgency": lambda people: "",
            "chosen": lambda people: {},
        },
        strangers=(),
        on_process=False,
    ),
    "gongwen.process.save_draft": Case(
        lambda people: {"actor": people["huangmin"]},
        lambda p: A.SaveDraft(
            p["actor"],
            definition_key=p["definition_key"],
            data=p["data"],
            title=p["title"],
            urgency=p["urgency"],
        ),
        {"actor": ACTOR, "definition_key": TEXT, "data": DATA, "title": TEXT, "urgency": CHOICE},
        {
            "definition_key": lambda people: "notice",
            "data": lambda people: {},
            "title": lambda people: "稿",
            "urgency": lambda people: "",
        },
        strangers=(),
        on_process=False,
    ),
    "gongwen.document.start": Case(
        _document_type,
        _start_document,
        {
            "document_type": TEXT,
            "actor": ACTOR,
            "title": TEXT,
            "data": DATA,
            "urgency": CHOICE,
            "secrecy": CHOICE,
            "chosen": CHOSEN,
        },
        {
            "title": lambda people: "关于测试的通知",
            "data": lambda people: _sample("notice"),
            "urgency": lambda people: "",
            "secrecy": lambda people: "",
            "chosen": lambda people: {},
        },
        strangers=(),
        on_process=False,
    ),
    "gongwen.process.start_draft": Case(
        _draft,
        lambda p: A.StartDraft(p["spec"], p["draft"], p["actor"]),
        {"spec": SPEC, "draft": ID, "actor": ACTOR},
        strangers=("wujing",),
        on_process=False,
    ),
    "gongwen.opinion.save": Case(
        _at_section,
        lambda p: A.SaveOpinion(p["task"], p["actor"], text=p["text"]),
        {"task": ID, "actor": ACTOR, "text": TEXT},
        {"text": lambda people: "初稿意见"},
    ),
    "gongwen.reading.mark_read": Case(
        _read_item,
        lambda p: A.MarkRead(p["item"], p["actor"]),
        {"item": ID, "actor": ACTOR},
        strangers=("wujing",),
        on_process=False,  # a finished process's copies are still read
    ),
    "gongwen.phrase.add": Case(
        _phrases,
        lambda p: A.AddPhrase(p["actor"], p["text"]),
        {"actor": ACTOR, "text": TEXT},
        {"text": lambda people: "请核稿"},
        strangers=(),
        on_process=False,
    ),
    "gongwen.phrase.remove": Case(
        _phrases,
        lambda p: A.RemovePhrase(p["actor"], p["text"]),
        {"actor": ACTOR, "text": TEXT},
        {"text": lambda people: "同意"},
        strangers=("wujing",),
        on_process=False,
    ),
    "gongwen.phrase.reorder": Case(
        _phrases,
        lambda p: A.ReorderPhrases(p["actor"], p["texts"]),
        {"actor": ACTOR, "texts": DATA},
        {"texts": lambda people: ["已阅", "同意"]},
        strangers=("wujing",),
        on_process=False,
    ),
    "gongwen.document.edit": Case(
        _drafted,
        lambda p: _document_actions().EditElements(
            p["document"], p["actor"], _with_title(p["changes"], p["title"])
        ),
        {"document": ID, "actor": ACTOR, "changes": DATA, "title": TEXT},
        {"changes": lambda people: {"note": "（联系人：黄敏）"}, "title": lambda people: "关于"},
        strangers=("wujing", "guoyan"),
    ),
    "gongwen.document.submit": Case(
        _drafted,
        lambda p: _document_actions().SubmitDocument(p["document"], p["actor"]),
        {"document": ID, "actor": ACTOR},
        strangers=("wujing", "chenming"),
    ),
    "gongwen.number.reserve": Case(
        lambda people: {"series": "县政办发", "actor": people["guoyan"], **_with_series()},
        lambda p: _document_actions().ReserveNumber(
            p["series"], p["actor"], for_user=p["for_user"]
        ),
        {"series": TEXT, "actor": ACTOR, "for_user": PERSON},
        {"for_user": lambda people: people["chenming"]},
        strangers=("wujing", "huangmin"),
        on_process=False,
    ),
    "gongwen.number.void": Case(
        _issued_number,
        lambda p: _document_actions().VoidNumber(p["number"], p["actor"], reason=p["reason"]),
        {"number": ID, "actor": ACTOR, "reason": TEXT},
        {"reason": lambda people: "印制错误"},
        strangers=("wujing", "huangmin"),
        on_process=False,
    ),
    "gongwen.definition.save_draft": Case(
        _definitions(),
        lambda p: _definition_actions().SaveDefinitionDraft(
            p["key"], p["actor"], form=p["form"], flow=p["flow"]
        ),
        {"key": TEXT, "actor": ACTOR},
        strangers=("huangmin", "guoyan"),
        on_process=False,
    ),
    "gongwen.definition.import": Case(
        _definitions(),
        lambda p: _definition_actions().ImportDefinition(
            p["key"], p["actor"], form=p["form"], flow=p["flow"], changelog=p["changelog"]
        ),
        {"key": TEXT, "actor": ACTOR, "changelog": TEXT},
        {"changelog": lambda people: "导入"},
        strangers=("huangmin", "guoyan"),
        on_process=False,
    ),
    "gongwen.definition.publish": Case(
        _notice_draft,
        lambda p: _definition_actions().PublishDefinition(
            p["key"], p["actor"], changelog=p["changelog"]
        ),
        {"key": TEXT, "actor": ACTOR, "changelog": TEXT},
        {"changelog": lambda people: "第一版"},
        strangers=("huangmin", "guoyan"),
        on_process=False,
    ),
    "gongwen.definition.retire": Case(
        _published_notice,
        lambda p: _definition_actions().RetireDefinition(p["key"], p["version"], p["actor"]),
        {"key": TEXT, "version": ID, "actor": ACTOR},
        strangers=("huangmin", "guoyan"),
        on_process=False,
    ),
}


def _demo_delegation(people: dict) -> dict:
    """The demo county's 委托: 陈明 (chenming) to 刘洋 (liuyang), in effect."""
    from gongwen.org.models import Delegation

    delegation = Delegation.objects.get(delegator=people["chenming"], delegate=people["liuyang"])
    return {"delegation": delegation, "actor": people["chenming"]}


def _in(days: int) -> Callable[[dict], Any]:
    from django.utils import timezone

    return lambda people: timezone.now() + timedelta(days=days, minutes=-1)


def _escalation() -> Any:
    from gongwen.runtime.deadlines import escalation

    return escalation


# 委托 over a period, and the deadline worker's system actions (no actor: no wrong person).
CASES.update(
    {
        "gongwen.delegation.create": Case(
            lambda people: {"actor": people["huangmin"]},
            lambda p: A.CreateDelegation(
                p["actor"],
                delegator=p["delegator"],
                delegate=p["delegate"],
                starts_at=p["starts_at"],
                ends_at=p["ends_at"],
                scope=p["scope"],
                reason=p["reason"],
            ),
            {
                "actor": ACTOR,
                "delegator": PERSON,
                "delegate": PERSON,
                "starts_at": MOMENT,
                "ends_at": MOMENT,
                "scope": TEXT,
                "reason": TEXT,
            },
            {
                "delegator": lambda people: people["huangmin"],
                "delegate": lambda people: people["xugang"],
                "starts_at": _in(0),
                "ends_at": _in(7),
                "scope": lambda people: "",
                "reason": lambda people: "出差",
            },
            on_process=False,
        ),
        "gongwen.delegation.revoke": Case(
            _demo_delegation,
            lambda p: A.RevokeDelegation(p["delegation"], p["actor"], reason=p["reason"]),
            {"delegation": ID, "actor": ACTOR, "reason": TEXT},
            {"reason": lambda people: "提前返岗"},
            strangers=("liuyang", "wujing"),
            on_process=False,
        ),
        "gongwen.task.auto_approve": Case(
            _at_section,
            lambda p: _escalation().SystemApprove(p["task"]),
            {"task": ID},
            strangers=(),
        ),
        "gongwen.task.auto_return": Case(
            _at_office,
            lambda p: _escalation().SystemReturn(p["task"]),
            {"task": ID},
            strangers=(),
        ),
    }
)


def _document_actions() -> Any:
    from gongwen.documents import actions

    return actions


def _definition_actions() -> Any:
    from gongwen.definitions import actions

    return actions


def _load_every_action() -> dict[str, type]:
    for package in ACTION_PACKAGES:
        if importlib.util.find_spec(f"{package}.actions") is not None:
            importlib.import_module(f"{package}.actions")
    return registered()
