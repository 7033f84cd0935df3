"""A notification is one row per person, e-mailed after commit; bad input writes nothing."""

from __future__ import annotations

import pytest
from django.core import mail

from gongwen.notifications.models import Notification
from gongwen.notifications.services import mark_read, notify, unread


def test_each_active_person_gets_one_row_and_one_mail_after_commit(
    demo, django_capture_on_commit_callbacks
) -> None:
    users = demo["users"]
    users["wujing"].email = "wujing@example.org"
    users["wujing"].save()
    users["linfeng"].email = ""  # no address: the in-app row only
    users["linfeng"].save()
    users["hetao"].is_active = False
    users["hetao"].save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rows = notify(
            [users["wujing"], users["wujing"], None, users["hetao"], users["linfeng"]],
            "deadline.reminder",
            "请于今日办理",
            process_id=7,
            task_id=9,
        )
    assert sorted(r.user.username for r in rows) == ["linfeng", "wujing"]
    assert not mail.outbox  # nothing is sent before the transaction commits
    for callback in callbacks:
        callback()
    assert [m.to for m in mail.outbox] == [["wujing@example.org"]]
    assert mail.outbox[0].body == "请于今日办理"
    assert Notification.objects.get(user=users["linfeng"]).task_id == 9


@pytest.mark.parametrize(
    ("kind", "message"), [("", "x"), ("deadline.reminder", ""), ("k", "长" * 501)]
)
def test_bad_input_is_refused_and_writes_nothing(demo, kind, message) -> None:
    with pytest.raises(ValueError):
        notify([demo["users"]["wujing"]], kind, message)
    assert not Notification.objects.exists()


def test_marking_read_touches_only_ones_own_unread_notifications(demo) -> None:
    users = demo["users"]
    (mine,) = notify([users["wujing"]], "k", "m")
    (theirs,) = notify([users["hetao"]], "k", "m")
    assert mark_read(users["wujing"], [mine.pk, theirs.pk]) == 1
    assert mark_read(users["wujing"], [mine.pk]) == 0
    assert not unread(users["wujing"]).exists()
    assert list(unread(users["hetao"])) == [theirs]
