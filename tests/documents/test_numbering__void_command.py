"""``manage.py void_number`` records a void with its reason and refuses bad input."""

import pytest
from django.core.management import CommandError, call_command

from gongwen.documents.numbering import services
from gongwen.documents.numbering.models import IssuedNumber, NumberSeries

pytestmark = pytest.mark.django_db


@pytest.fixture
def number(django_user_model):
    django_user_model.objects.create(username="wenshu", is_superuser=True)
    django_user_model.objects.create(username="keyuan")  # neither registrar nor administrator
    NumberSeries.objects.create(key="县教发", organ_code="县教发")
    return services.allocate("县教发", year=2026, by=None)


def test_the_command_voids_with_the_reason(number, capsys) -> None:
    call_command("void_number", "县教发〔2026〕1号", reason="印制错误", by="wenshu")
    number.refresh_from_db()
    assert (number.status, number.reason, number.voided_by.username) == (
        "voided",
        "印制错误",
        "wenshu",
    )
    assert "Voided" in capsys.readouterr().out
    from gongwen.audit.models import AuditEvent

    event = AuditEvent.objects.get(action="gongwen.number.void")
    assert (event.actor.username, event.payload["number"], event.payload["reason"]) == (
        "wenshu",
        "县教发〔2026〕1号",
        "印制错误",
    )


@pytest.mark.parametrize(
    ("text", "reason", "by", "message"),
    [
        ("县教发〔2026〕9号", "x", "wenshu", "No issued number"),
        ("县教发〔2026〕1号", "x", "nobody", "No user"),
        ("县教发〔2026〕1号", " ", "wenshu", "needs a reason"),
        ("县教发〔2026〕1号", "x", "keyuan", "Only a registrar"),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(number, text, reason, by, message) -> None:
    with pytest.raises(CommandError, match=message):
        call_command("void_number", text, reason=reason, by=by)
    assert IssuedNumber.objects.get().status == "issued"
