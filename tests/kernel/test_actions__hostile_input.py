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

from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps

from gongwen.errors import GongwenError
from tests.kernel.action_cases import (
    ACTOR,
    CASES,
    HUGE,
    ID,
    TEXT,
    UNKNOWN_IDS,
    UNSTORABLE,
    WRONG,
    A,
    Case,
    _load_every_action,
)


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
