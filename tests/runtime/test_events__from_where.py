"""The trace says from where each step was taken (client address, device), as the audit does."""

from __future__ import annotations

from django.test import RequestFactory

from gongwen.audit.middleware import RequestOriginMiddleware
from gongwen.audit.models import AuditEvent
from gongwen.audit.requests import acting_from, current_origin
from gongwen.runtime.actions import Approve
from gongwen.runtime.trace import SYSTEM, trace_of
from tests.runtime.helpers import open_at, start
from tests.runtime.specs import chain, node

PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) MicroMessenger/8.0"


def _spec():
    return chain(
        "origin",
        node("section", "approve", {"rule": "user", "username": "yangfan"}),
        node("office", "approve", {"rule": "user", "username": "wujing"}),
    )


def test_an_action_taken_in_a_request_is_traced_and_audited_with_its_origin(people) -> None:
    process = start(_spec(), people["huangmin"])
    (section,) = open_at(process, "section")
    request = RequestFactory().post("/", REMOTE_ADDR="10.8.0.23", HTTP_USER_AGENT=PHONE)

    with acting_from(request):
        Approve(section, people["yangfan"], opinion="同意").execute()

    row = next(r for r in trace_of(process, SYSTEM).rows if r.action == "gongwen.task.approve")
    assert (row.remote_addr, row.user_agent) == ("10.8.0.23", PHONE)
    event = AuditEvent.objects.get(action="gongwen.task.approve", payload__task=section.pk)
    assert (event.remote_addr, event.user_agent) == ("10.8.0.23", PHONE)


def test_outside_a_request_the_system_acted_and_no_origin_is_made_up(people) -> None:
    process = start(_spec(), people["huangmin"])
    (section,) = open_at(process, "section")
    Approve(section, people["yangfan"]).execute()
    row = next(r for r in trace_of(process, SYSTEM).rows if r.action == "gongwen.task.approve")
    assert (row.remote_addr, row.user_agent) == ("", "")


def test_the_middleware_makes_each_requests_origin_current_only_while_it_is_served() -> None:
    seen = []
    middleware = RequestOriginMiddleware(lambda request: seen.append(current_origin()))
    middleware(RequestFactory().get("/", REMOTE_ADDR="::ffff:10.0.0.1", HTTP_USER_AGENT="pc"))
    assert seen == [("::ffff:a00:1", "pc")]
    assert current_origin() == ("", "")
