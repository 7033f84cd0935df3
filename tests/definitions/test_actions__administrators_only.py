"""Only administrators (or the operator at the command line) change definitions; each is audited."""

from __future__ import annotations

import pytest

from gongwen.audit.models import AuditEvent
from gongwen.definitions.actions import (
    AlreadyRetired,
    ImportDefinition,
    NotAdministrator,
    Operator,
    PublishDefinition,
    RetireDefinition,
    SaveDefinitionDraft,
)
from gongwen.definitions.models import DefinitionVersion, Draft

pytestmark = pytest.mark.django_db


def _codes() -> list[str]:
    return list(
        AuditEvent.objects.filter(action__startswith="gongwen.definition.")
        .order_by("seq")
        .values_list("action", flat=True)
    )


def test_an_administrator_saves_publishes_and_retires_and_each_is_audited(
    admin_user, basic_form, basic_flow
) -> None:
    SaveDefinitionDraft("basic", admin_user, form=basic_form, flow=basic_flow).execute()
    version = PublishDefinition("basic", admin_user, changelog="第一版").execute()
    RetireDefinition("basic", version.version, admin_user).execute()
    assert _codes() == [
        "gongwen.definition.save_draft",
        "gongwen.definition.publish",
        "gongwen.definition.retire",
    ]
    assert {e.actor_id for e in AuditEvent.objects.all()} == {admin_user.pk}
    with pytest.raises(AlreadyRetired):
        RetireDefinition("basic", version.version, admin_user).check()


def test_a_person_without_the_permission_is_refused(
    django_user_model, basic_form, basic_flow
) -> None:
    clerk = django_user_model.objects.create(username="clerk", is_staff=True)
    with pytest.raises(NotAdministrator):
        SaveDefinitionDraft("basic", clerk, form=basic_form, flow=basic_flow).execute()
    with pytest.raises(NotAdministrator):
        SaveDefinitionDraft("basic", None, form=basic_form, flow=basic_flow).execute()
    assert not Draft.objects.exists() and _codes() == []


def test_the_operator_imports_and_publishes(basic_form, basic_flow) -> None:
    imported = ImportDefinition(
        "basic", Operator(), form=basic_form, flow=basic_flow, publish=True
    ).execute()
    assert imported.version == DefinitionVersion.objects.get()
    again = ImportDefinition(
        "basic", Operator(), form=basic_form, flow=basic_flow, publish=True
    ).execute()
    assert (again.version, again.unchanged) == (None, True)
    assert _codes() == [
        "gongwen.definition.publish",
        "gongwen.definition.import",
        "gongwen.definition.import",
    ]
