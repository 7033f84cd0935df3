"""visible_to(user) and may_view(user, obj) agree on random small organisations and documents."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gongwen.documents.access import may_view, visible_to
from gongwen.documents.document.models import Document
from gongwen.documents.kinds import Secrecy
from gongwen.org.models import Department, Position, User
from gongwen.runtime.engine.models import OPEN_STATUSES
from gongwen.runtime.models import Process, ReadItem, Task, TraceEntry
from tests.runtime.helpers import open_tasks, start
from tests.runtime.specs import chain, node

_serial = itertools.count()
LEVELS = st.integers(min_value=0, max_value=3)

person = st.fixed_dictionaries(
    {
        "clearance": LEVELS,
        "superuser": st.booleans(),
        "active": st.booleans(),
        "dept": st.integers(0, 2),
    }
)
task = st.fixed_dictionaries(
    {
        "owner": st.integers(0, 3),
        "behalf": st.none() | st.integers(0, 3),
        "done_by": st.none() | st.integers(0, 3),
        "open": st.booleans(),
    }
)
document = st.fixed_dictionaries(
    {
        "process_secrecy": LEVELS,
        "secrecy": LEVELS,
        "has_document": st.booleans(),
        "initiator": st.integers(0, 3),
        "dept": st.none() | st.integers(0, 2),
        "tasks": st.lists(task, max_size=3),
        "actors": st.lists(st.integers(0, 3), max_size=2),
        "readers": st.lists(st.integers(0, 3), max_size=2, unique=True),
    }
)


@pytest.fixture
def template(db):
    """A real process and task to copy flow references from (rows are then built by hand)."""
    from django.contrib.auth import get_user_model

    starter = get_user_model().objects.create(username="template-starter", clearance=3)
    spec = chain("access", node("work", "approve", {"rule": "initiator"}))
    process = start(spec, starter)
    return process, open_tasks(process)[0]


def _build(template, people_facts, document_facts):
    template_process, template_task = template
    run = next(_serial)
    departments = [
        Department.objects.create(code=f"d{run}-{n}", name=f"部门{run}-{n}") for n in range(3)
    ]
    people = []
    for n, facts in enumerate(people_facts):
        user = User.objects.create(
            username=f"u{run}-{n}",
            clearance=facts["clearance"],
            is_superuser=facts["superuser"],
            is_active=facts["active"],
        )
        Position.objects.create(user=user, department=departments[facts["dept"]], title="科员")
        people.append(user)
    objects = []
    for facts in document_facts:
        who = lambda i: people[i % len(people)]  # noqa: E731 (index into this organisation)
        process = Process.objects.create(
            flow_class=template_process.flow_class,
            definition_key=template_process.definition_key,
            definition_version=1,
            initiator=who(facts["initiator"]),
            secrecy=facts["process_secrecy"],
        )
        objects.append(process)
        if facts["has_document"]:
            dept = facts["dept"]
            objects.append(
                Document.objects.create(
                    process=process,
                    kind="通知",
                    title="标题",
                    secrecy=list(Secrecy)[facts["secrecy"]].value,
                    department=departments[dept] if dept is not None else None,
                )
            )
        for t in facts["tasks"]:
            objects.append(
                Task.objects.create(
                    process=process,
                    flow_task=template_task.flow_task,
                    owner=who(t["owner"]),
                    on_behalf_of=who(t["behalf"]) if t["behalf"] is not None else None,
                    completed_by=who(t["done_by"]) if t["done_by"] is not None else None,
                    status=OPEN_STATUSES[1] if t["open"] else "DONE",
                )
            )
        for actor in facts["actors"]:
            objects.append(
                TraceEntry.objects.create(
                    process=process, action="gongwen.task.approve", actor=who(actor)
                )
            )
        for reader in facts["readers"]:
            ReadItem.objects.create(process=process, node_id="copy", user=who(reader))
    return people, objects


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    people_facts=st.lists(person, min_size=1, max_size=4),
    document_facts=st.lists(document, min_size=1, max_size=3),
)
def test_visible_to_and_may_view_agree(template, people_facts, document_facts) -> None:
    people, objects = _build(template, people_facts, document_facts)
    for user, obj in itertools.product(people, objects):
        listed = visible_to(user, type(obj)).filter(pk=obj.pk).exists()
        assert listed == may_view(user, obj), (user.username, type(obj).__name__, obj.pk)
