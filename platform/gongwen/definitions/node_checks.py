"""Semantic checks of a flow's nodes and settings (the graph is in ``graph_checks``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import fastjsonschema
from jsonschema import Draft202012Validator

from gongwen.definitions.catalog import allowed_settings
from gongwen.definitions.durations import MAX_DEADLINE, parse_duration
from gongwen.definitions.exceptions import LookupUnavailable
from gongwen.definitions.problems import Problem, pointer, problem
from gongwen.definitions.registries import AssigneeRule, assignee_rules, numbering_series_exists
from gongwen.definitions.views import RETURNABLE_TYPES, FlowView, FormView, text

#: Which optional node settings each node type accepts (``id``, ``type``, ``name`` always).
ALLOWED_SETTINGS = allowed_settings()
#: Assignee-rule parameters that name a form field must name one of these types.
PERSON_FIELD_TYPES = {"person"}
DEPARTMENT_FIELD_TYPES = {"department"}


def node_problems(view: FlowView, form: FormView | None) -> list[Problem]:
    """Return the problems of every node's settings, and of the document settings."""
    found: list[Problem] = []
    for node in view.nodes:
        at = ("nodes", node.index)
        data = node.data
        found += _settings(data, node.type, at)
        found += _assignee(data.get("assignee"), (*at, "assignee"), form)
        found += _ratio(data, at)
        found += _claim(data, at)
        found += _deadline(data.get("deadline"), (*at, "deadline"))
        found += _return_targets(view, node.id, data.get("return_targets"), at)
        if form is not None:
            found += _field_permissions(data.get("fields"), (*at, "fields"), form)
    if form is not None:
        found += _form_key(view.doc.get("form"), form)
    return found


def _settings(data: dict[str, Any], node_type: str | None, at: tuple) -> list[Problem]:
    allowed = ALLOWED_SETTINGS.get(node_type or "")
    if allowed is None:
        return []  # unknown type: the schema says so
    return [
        problem(pointer(*at, key), "flow.setting_not_applicable", type=node_type, name=key)
        for key in data
        if key not in allowed and key not in ("id", "type", "name") and key in _ALL_SETTINGS
    ]


_ALL_SETTINGS = set().union(*ALLOWED_SETTINGS.values()) | {"mode", "ratio"}
#: Assignee rules that name a pool of people a ``claim`` node's task can wait for.
POOL_RULES = {"role", "position"}


def _assignee(assignee: Any, at: tuple, form: FormView | None) -> list[Problem]:
    if not isinstance(assignee, dict) or not isinstance(assignee.get("rule"), str):
        return []  # absent or malformed: the schema reports it
    name = assignee["rule"]
    if name not in assignee_rules:
        return [problem(pointer(*at, "rule"), "flow.unknown_assignee_rule", rule=name)]
    rule = assignee_rules.get(name)
    params = {k: v for k, v in assignee.items() if k != "rule"}
    found = []
    if not _params_valid(rule, params):
        for error in _params_validator(rule).iter_errors(params):
            found += _param_problems(error, at, name)
    if form is not None and not found:
        found += _field_params(rule.field_params, params, at, form, name)
    return found


def _params_validator(rule: AssigneeRule) -> Draft202012Validator:
    """Return the (cached) jsonschema validator of ``rule``'s parameters: the authority."""
    return _compiled(rule)[0]


def _params_valid(rule: AssigneeRule, params: dict[str, Any]) -> bool:
    """Return whether ``params`` are valid, by the fast validator when it compiled."""
    validator, fast = _compiled(rule)
    if fast is None:
        return validator.is_valid(params)
    try:
        fast(params)
    except Exception:  # rejected (or the fast path failed): jsonschema decides, as in schemas.py
        return False
    return True


def _compiled(rule: AssigneeRule) -> tuple[Draft202012Validator, Callable[[Any], Any] | None]:
    cached = _VALIDATORS.get(id(rule))
    if cached is None or cached[0] is not rule:
        try:
            fast = fastjsonschema.compile(rule.params_schema, handlers={}, use_default=False)
        except Exception:  # a plugin schema fastjsonschema cannot compile: jsonschema only
            fast = None
        cached = (rule, Draft202012Validator(rule.params_schema), fast)
        _VALIDATORS[id(rule)] = cached
    return cached[1], cached[2]


_VALIDATORS: dict[int, tuple[AssigneeRule, Draft202012Validator, Any]] = {}


def _param_problems(error: Any, at: tuple, rule: str) -> list[Problem]:
    """Return the problems one parameter-schema error stands for."""
    path = list(error.absolute_path)
    instance = error.instance if isinstance(error.instance, dict) else {}
    if error.validator == "required":
        return [
            problem(pointer(*at, *path), "flow.assignee_param_missing", rule=rule, name=missing)
            for missing in error.validator_value
            if missing not in instance
        ]
    if error.validator == "additionalProperties":
        declared = error.schema.get("properties", {})
        return [
            problem(pointer(*at, *path, key), "flow.assignee_param_invalid", rule=rule, name=key)
            for key in instance
            if key not in declared
        ]
    name = path[0] if path else ""
    return [problem(pointer(*at, *path), "flow.assignee_param_invalid", rule=rule, name=name)]


def _field_params(
    paths: tuple, params: dict, at: tuple, form: FormView, rule: str
) -> list[Problem]:
    found = []
    for path in paths:
        value: Any = params
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is None:
            continue
        expected = DEPARTMENT_FIELD_TYPES if path[0] in ("of", "department") else PERSON_FIELD_TYPES
        if form.field_type(value) not in expected:
            found.append(
                problem(pointer(*at, *path), "flow.assignee_param_invalid", rule=rule, name=path[0])
            )
    return found


def _ratio(data: dict[str, Any], at: tuple) -> list[Problem]:
    ratio, mode = data.get("ratio"), data.get("mode")
    if mode == "ratio" and "ratio" not in data:
        return [problem(pointer(*at), "flow.ratio_missing")]
    if "ratio" not in data:
        return []
    if mode != "ratio":
        return [problem(pointer(*at, "ratio"), "flow.ratio_without_mode")]
    number = isinstance(ratio, int | float) and not isinstance(ratio, bool)
    if number and not 0 < ratio <= 1:
        return [problem(pointer(*at, "ratio"), "flow.ratio_out_of_range")]
    return []


def _claim(data: dict[str, Any], at: tuple) -> list[Problem]:
    """认领 needs a pool to claim from (a role or position rule) and one person to act."""
    if data.get("claim") is not True:
        return []
    found = []
    assignee = data.get("assignee")
    rule = assignee.get("rule") if isinstance(assignee, dict) else None
    if isinstance(rule, str) and rule not in POOL_RULES:
        found.append(problem(pointer(*at, "claim"), "flow.claim_needs_pool_rule", rule=rule))
    if data.get("mode", "single") != "single":
        found.append(problem(pointer(*at, "mode"), "flow.claim_needs_single_mode"))
    return found


def _deadline(deadline: Any, at: tuple) -> list[Problem]:
    if not isinstance(deadline, dict):
        return []
    found, parsed = [], {}
    for key in ("duration", "remind_before"):
        value = deadline.get(key)
        if isinstance(value, str):
            parsed[key] = parse_duration(value)
            if parsed[key] is None:
                found.append(problem(pointer(*at, key), "flow.invalid_duration", value=value))
    duration, remind = parsed.get("duration"), parsed.get("remind_before")
    if duration is not None and duration > MAX_DEADLINE:
        found.append(
            problem(pointer(*at, "duration"), "flow.deadline_too_long", days=MAX_DEADLINE.days)
        )
    if duration is not None and remind is not None and remind >= duration:
        found.append(problem(pointer(*at, "remind_before"), "flow.reminder_not_before_deadline"))
    return found


def _return_targets(view: FlowView, node_id: str | None, targets: Any, at: tuple) -> list[Problem]:
    """Each 退回 target is a step that comes before this one the first time through.

    Without exactly one start there is no first time through (the graph checks say why).
    """
    if not isinstance(targets, list) or node_id is None:
        return []
    found = []
    for index, target in enumerate(targets):
        where = pointer(*at, "return_targets", index)
        if not isinstance(target, str) or target == "*":
            continue
        if target not in view.by_id:
            found.append(problem(where, "flow.unknown_return_target", id=target))
        elif len(view.start_ids) == 1 and not _earlier_human_step(view, target, node_id):
            found.append(problem(where, "flow.return_target_not_earlier", id=target))
    return found


def _earlier_human_step(view: FlowView, target: str, node_id: str) -> bool:
    returnable = view.by_id[target].type in RETURNABLE_TYPES
    return returnable and view.earlier(target, node_id)


def _field_permissions(fields: Any, at: tuple, form: FormView) -> list[Problem]:
    if not isinstance(fields, dict):
        return []
    return [
        problem(pointer(*at, name), "flow.unknown_field_permission", name=name)
        for name in fields
        if name not in form.fields
    ]


def numbering_series_of(doc: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """Return ``(pointer, key)`` of every numbering series ``doc`` names as a string.

    The flow's default series and each drafting organ's own (``document.organs``).
    """
    document = doc.get("document")
    if not isinstance(document, dict):
        return ()
    found = []
    if text(document.get("numbering_series")):
        found.append(("/document/numbering_series", document["numbering_series"]))
    organs = document.get("organs")
    for code, organ in organs.items() if isinstance(organs, dict) else ():
        if isinstance(organ, dict) and text(organ.get("numbering_series")):
            where = pointer("document", "organs", code, "numbering_series")
            found.append((where, organ["numbering_series"]))
    return tuple(found)


def numbering_problems(
    series: tuple[tuple[str, str], ...],
) -> tuple[list[Problem], list[Problem]]:
    """Return ``(problems, not checked)`` for the numbering series a flow names.

    A series the lookup does not know is a problem (``flow.unknown_numbering_series``); a
    lookup that cannot answer (no database) gives ``flow.numbering_series_not_checked`` in the
    second list instead, for the caller to report as a notice or as a problem.
    """
    problems: list[Problem] = []
    not_checked: list[Problem] = []
    for where, key in series:
        try:
            exists = numbering_series_exists(key)
        except LookupUnavailable:
            not_checked.append(problem(where, "flow.numbering_series_not_checked", key=key))
            continue
        if not exists:
            problems.append(problem(where, "flow.unknown_numbering_series", key=key))
    return problems, not_checked


def _form_key(key: Any, form: FormView) -> list[Problem]:
    if isinstance(key, str) and form.key is not None and key != form.key:
        return [problem("/form", "flow.form_mismatch", expected=key, actual=form.key)]
    return []
