"""The scenes the hostile-input table starts on the demo county, one function each.

Each returns the valid parameters an action needs at that point (a task at the section review,
a 认领 pool task, a drafted 公文, a published notice …); :mod:`tests.kernel.action_cases` builds
the actions on them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gongwen.runtime import actions as runtime_actions
from tests.runtime.specs import chain, node


def _sample(key: str) -> dict:
    from tests.forms.samples import sample

    return sample(key)


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
