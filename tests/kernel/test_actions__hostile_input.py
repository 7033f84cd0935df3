"""Every registered action × hostile input → only the one error type, and nothing changes.

The table :data:`CASES` builds each registered action with valid parameters (each action's
constructor differs) and says what kind each parameter is; the hostile inputs are derived from
the kinds: the wrong person, a finished process, NUL and other unstorable characters, 1 MB of
text, unknown ids, a wrong type for each parameter. Each must be refused by ``check()`` and by
``execute()`` with a :class:`~gongwen.errors.GongwenError` that has a code — never a library
exception — and every row of every Gongwen table must be byte-identical afterwards. A newly
registered action without a row here fails :func:`test_every_registered_action_is_in_the_table`
(a row whose action is not registered — not yet built — is left out).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.apps import apps

from gongwen.errors import GongwenError
from gongwen.kernel.actions import registered
from gongwen.runtime import actions as runtime_actions
from tests.runtime.specs import chain, node

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


def _spec():
    return chain(
        "hostile",
        node("section", "approve", {"rule": "department_head", "of": "initiator"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}, return_targets=["*"]),
    )


def _pool_spec():
    pool = {"rule": "role", "role": "registrar", "within": "initiator_org"}
    return chain(
        "hostile-pool",
        node("register", "handle", pool, claim=True),
        node("sign", "approve", {"rule": "user", "username": "chenming"}),
    )


def _service_spec():
    params = {"service": "hostile.none", "handler": "hostile.none", "max_attempts": 1}
    return chain(
        "hostile-service",
        node("call", "service", params=params),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def _started(spec: Any, people: dict) -> Any:
    from gongwen.runtime.models import Process

    result = runtime_actions.StartProcess(spec, people["huangmin"], title="测试").execute()
    return Process.objects.get(pk=result.process_id)


def _open(process: Any, node_id: str) -> Any:
    from gongwen.runtime.models import OPEN_STATUSES, Task

    return Task.objects.get(process=process, node_id=node_id, status__in=OPEN_STATUSES)


def _at_section(people: dict) -> dict:
    process = _started(_spec(), people)
    return {"process": process, "task": _open(process, "section"), "actor": people["yangfan"]}


def _approved_section(people: dict) -> dict:
    scene = _at_section(people)
    runtime_actions.Approve(scene["task"], people["yangfan"]).execute()
    return scene


def _at_office(people: dict) -> dict:
    scene = _approved_section(people)
    return {**scene, "task": _open(scene["process"], "office"), "actor": people["wujing"]}


def _pool(people: dict, *, claimed: bool = False) -> dict:
    process = _started(_pool_spec(), people)
    task = _open(process, "register")
    if claimed:
        runtime_actions.Claim(task, people["guoyan"]).execute()
    return {"process": process, "task": task, "actor": people["guoyan"]}


def _failed_service(people: dict) -> dict:
    from gongwen.runtime.services.running import attempt

    process = _started(_service_spec(), people)
    task = _open(process, "call")
    attempt(task.pk)
    task.refresh_from_db()
    assert task.status == "ERROR"
    return {"process": process, "task": task, "actor": people["admin"]}


def _process_of(people: dict, actor: str) -> dict:
    process = _started(_spec(), people)
    return {"process": process, "actor": people[actor]}


def _draft(people: dict) -> dict:
    from gongwen.runtime.models import Draft

    spec = _spec()
    draft = Draft.objects.create(owner=people["huangmin"], definition_key=spec.key, title="稿")
    return {"spec": spec, "draft": draft, "actor": people["huangmin"]}


def _document_type(people: dict) -> dict:
    """Publish the shipped 通知 (notice): StartDocument starts a published document type."""
    import json
    from pathlib import Path

    from gongwen.definitions.registries import numbering_series_lookup
    from gongwen.definitions.versions import publish_documents

    repo = Path(__file__).resolve().parents[2]
    form = json.loads((repo / "forms" / "notice.json").read_text(encoding="utf-8"))
    flow = json.loads((repo / "flow_defs" / "notice.json").read_text(encoding="utf-8"))
    with numbering_series_lookup(lambda series: True):
        publish_documents("notice", form, flow, by=None)
    return {"document_type": "notice", "actor": people["huangmin"]}


def _start_document(p: dict) -> Any:
    from gongwen.documents.actions import StartDocument

    return StartDocument(
        p["document_type"],
        p["actor"],
        title=p["title"],
        data=p["data"],
        urgency=p["urgency"],
        secrecy=p["secrecy"],
        chosen=p["chosen"],
    )


def _drafted(people: dict) -> dict:
    """A 通知 started by StartDocument, its 要素 filled so that it may be submitted."""
    from gongwen.documents.actions import EditElements, StartDocument
    from gongwen.documents.content import Paragraph
    from gongwen.documents.document.models import Document

    _document_type(people)
    drafter = people["huangmin"]
    data = _sample("notice")
    result = StartDocument("notice", drafter, title="关于测试的通知", data=data).execute()
    document = Document.objects.get(process_id=result.process_id)
    changes = {
        "organ_name": "清河县人民政府办公室",
        "signature_organ": "清河县人民政府办公室",
        "title": "清河县人民政府办公室关于测试的通知",
        "main_recipients": ("各有关单位",),
        "body": (Paragraph("为做好测试工作，现将有关事项通知如下。"), Paragraph("特此通知。")),
    }
    EditElements(document, drafter, changes).execute()
    return {"document": document, "process": document.process, "actor": drafter}


def _with_title(changes: Any, title: Any) -> Any:
    return {**changes, "title": title} if isinstance(changes, dict) and changes else changes


def _read_item(people: dict) -> dict:
    from gongwen.runtime.models import ReadItem

    process = _started(_spec(), people)
    item = ReadItem.objects.create(process=process, node_id="section", user=people["guoyan"])
    return {"item": item, "actor": people["guoyan"]}


def _phrases(people: dict) -> dict:
    from gongwen.runtime.models import CommonPhrase

    for position, text in enumerate(("同意", "已阅")):
        CommonPhrase.objects.create(owner=people["yangfan"], text=text, position=position)
    return {"actor": people["yangfan"]}


def _issued_number(people: dict) -> dict:
    from gongwen.documents.numbering.demo import load_series
    from gongwen.documents.numbering.services import allocate

    load_series()
    number = allocate("县政办发", by=people["guoyan"])
    return {"number": number, "actor": people["guoyan"]}


def _definition_files() -> tuple[dict, dict]:
    """Return the shipped 通知's form and flow (and create the series they name)."""
    import json
    from pathlib import Path

    from gongwen.documents.numbering.demo import load_series

    load_series()

    repo = Path(__file__).resolve().parents[2]
    form = json.loads((repo / "forms" / "notice.json").read_text(encoding="utf-8"))
    flow = json.loads((repo / "flow_defs" / "notice.json").read_text(encoding="utf-8"))
    return form, flow


def _notice_draft(people: dict) -> dict:
    from gongwen.definitions.versions import save_draft

    form, flow = _definition_files()
    save_draft("notice", form, flow, None)
    return {"key": "notice", "actor": people["admin"]}


def _published_notice(people: dict) -> dict:
    _document_type(people)
    return {"key": "notice", "version": 1, "actor": people["admin"]}


def _with_series() -> dict:
    from gongwen.documents.numbering.demo import load_series

    load_series()
    return {}


def _definitions(**valid: Any) -> Callable[[dict], dict]:
    def setup(people: dict) -> dict:
        form, flow = _definition_files()
        return {"key": "notice", "actor": people["admin"], "form": form, "flow": flow, **valid}

    return setup


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


def _sample(key: str) -> dict:
    from tests.forms.samples import sample

    return sample(key)


def _load_every_action() -> dict[str, type]:
    for package in ACTION_PACKAGES:
        if importlib.util.find_spec(f"{package}.actions") is not None:
            importlib.import_module(f"{package}.actions")
    return registered()


def _variants(case: Case, hostile: str) -> list[tuple[str, dict[str, Any]]]:
    """Return ``(label, overrides)`` for one kind of hostile input; values may be callables."""
    kinds = case.kinds
    if hostile == "wrong_person":
        if ACTOR not in kinds:  # a system action (the deadline worker's): nobody acts
            return []
        return [(f"actor={name}", {"actor": _person(name)}) for name in case.strangers] + [
            ("actor=None", {"actor": None}),
            ("actor=inactive", {"actor": _inactive}),
        ]
    if hostile == "unstorable_text":
        return [(f"{p}={v!r}", {p: v}) for p, k in kinds.items() if k == TEXT for v in UNSTORABLE]
    if hostile == "huge_text":
        return [(f"{p}=1MB", {p: v}) for p, k in kinds.items() if k == TEXT for v in HUGE]
    if hostile == "unknown_ids":
        return [(f"{p}={v!r}", {p: v}) for p, k in kinds.items() if k == ID for v in UNKNOWN_IDS]
    if hostile == "wrong_types":
        return [(f"{p}={v!r}"[:60], {p: v}) for p, k in kinds.items() for v in WRONG[k]]
    return []


def _person(username: str) -> Callable[[dict], Any]:
    return lambda people: people[username]


def _inactive(people: dict) -> Any:
    person = people["luoqiang"]
    person.is_active = False
    person.save(update_fields=["is_active"])
    return person


HOSTILE = ("wrong_person", "finished_process", "unstorable_text", "huge_text", "unknown_ids")
HOSTILE += ("wrong_types",)


def _combinations() -> list[Any]:
    combos = []
    for code in sorted(_load_every_action()):
        case = CASES.get(code)
        if case is None:
            continue  # test_every_registered_action_is_in_the_table fails for it
        for hostile in HOSTILE:
            if hostile == "finished_process" and not case.on_process:
                continue
            if hostile != "finished_process" and not _variants(case, hostile):
                continue
            combos.append(pytest.param(code, hostile, id=f"{code}-{hostile}"))
    return combos


def snapshot() -> list[list[dict]]:
    """Return every row of every Gongwen table (runtime, audit, documents, definitions, org …)."""
    rows = []
    for model in apps.get_models(include_auto_created=True):
        if model.__module__.startswith("gongwen.") and not model._meta.proxy:
            rows.append(list(model.objects.order_by("pk").values()))
    return rows


def _params(case: Case, people: dict) -> dict[str, Any]:
    scene = case.setup(people)
    params = {**scene}
    for name, make in case.valid.items():
        params.setdefault(name, make(people))
    return params


def _refused(case: Case, params: dict[str, Any], label: str) -> None:
    """Assert ``check()`` and ``execute()`` refuse with a coded GongwenError; nothing changes."""
    before = snapshot()
    for step in ("check", "execute"):
        with pytest.raises(GongwenError) as refused:
            getattr(case.build(params), step)()
        error = refused.value
        assert type(error) is not GongwenError, (label, step)
        assert error.code and error.code != GongwenError.code, (label, step, error)
        assert str(error), (label, step)
        assert error.status in (400, 403, 404, 409, 503), (label, step, error.status)
        assert snapshot() == before, (label, step)


def test_every_registered_action_is_in_the_table() -> None:
    assert set(_load_every_action()) - set(CASES) == set()


@pytest.mark.parametrize("code", sorted(set(CASES) & set(_load_every_action())))
def test_the_tables_valid_parameters_pass_check(demo, code) -> None:
    """The refusals below are the hostile input's doing: the valid call passes ``check()``."""
    case = CASES[code]
    params = _params(case, demo["users"])
    before = snapshot()
    case.build(params).check()
    assert snapshot() == before


@pytest.mark.parametrize(("code", "hostile"), _combinations())
def test_hostile_input_is_refused_with_the_one_error_type_and_changes_nothing(
    demo, code, hostile
) -> None:
    people = demo["users"]
    case = CASES[code]
    params = _params(case, people)
    if hostile == "finished_process":
        A.Terminate(params["process"], people["admin"], reason="收尾").execute()
        _refused(case, params, hostile)
        return
    for label, overrides in _variants(case, hostile):
        values = {k: v(people) if callable(v) else v for k, v in overrides.items()}
        _refused(case, {**params, **values}, label)
