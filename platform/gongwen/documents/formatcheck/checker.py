"""``check()``: run every rule that applies to a document and list every problem found."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from gongwen.documents.elements import DocumentElements
from gongwen.documents.formatcheck.problems import Finding, FormatProblem, Severity
from gongwen.documents.formatcheck.registry import CheckContext, get_rule_type
from gongwen.documents.formatcheck.specs import RuleDataError, RuleSpec, default_rules

if TYPE_CHECKING:
    from gongwen.org.models import Department

logger = logging.getLogger(__name__)
SHANGHAI = ZoneInfo("Asia/Shanghai")

#: Findings past this many per rule are summarised: a hostile body cannot flood the list.
MAX_FINDINGS_PER_RULE = 20


def check(
    elements: DocumentElements,
    *,
    department: Department | None = None,
    today: date | None = None,
    rules: Iterable[RuleSpec] | None = None,
) -> list[FormatProblem]:
    """Return every format problem of ``elements``, errors and warnings, in rule order.

    Args:
        elements: the document's 要素.
        department: the drafting department; its rules and its ancestors' rules apply too.
        today: the reference date for "not in the future" (default: today in Asia/Shanghai).
        rules: the rules to run instead of the shipped and department ones (for tests/tools).
    """
    context = CheckContext(today=today or timezone.now().astimezone(SHANGHAI).date())
    if rules is None:
        rules = [*default_rules(), *department_rules(department)]
    kind, direction = str(elements.kind), str(elements.direction)
    problems: list[FormatProblem] = []
    for spec in rules:
        if spec.applies_to(kind, direction):
            problems.extend(_run(spec, elements, context))
    return problems


def has_errors(problems: Iterable[FormatProblem]) -> bool:
    """Return whether any problem blocks submission or signing."""
    return any(p.severity == Severity.ERROR for p in problems)


def department_rules(department: Department | None) -> list[RuleSpec]:
    """Return the active rules for everyone and for ``department`` and its ancestors.

    A stored rule that no longer validates becomes a ``format.rule_invalid`` warning instead
    of silently doing nothing.
    """
    from gongwen.documents.formatcheck.models import FormatRule

    scope = FormatRule.objects.filter(is_active=True, department__isnull=True)
    if department is not None:
        scope = scope | FormatRule.objects.filter(
            is_active=True, department_id__in=department.lineage_ids
        )
    specs: list[RuleSpec] = []
    for row in scope.order_by("code", "pk"):
        try:
            specs.append(row.to_spec())
        except RuleDataError as exc:
            specs.append(_broken_rule(row.code, f"FormatRule {row.pk}", exc.errors))
    return specs


def _run(spec: RuleSpec, elements: DocumentElements, context: CheckContext) -> list[FormatProblem]:
    try:
        findings = list(_bounded(get_rule_type(spec.type).run(elements, spec.params, context)))
    except Exception:
        # A rule must never stop the check; the failure is logged and shown, not swallowed.
        logger.exception("format rule %s (%s) failed", spec.code, spec.source)
        findings = [Finding("", issue="rule_failed")]
    return [_problem(spec, f) for f in findings]


def _bounded(findings: Iterable[Finding]) -> Iterable[Finding]:
    for count, finding in enumerate(findings):
        if count == MAX_FINDINGS_PER_RULE:
            yield Finding(finding.field, issue="truncated")
            return
        yield finding


def _problem(spec: RuleSpec, finding: Finding) -> FormatProblem:
    values: dict[str, Any] = dict(finding.values)
    if finding.issue in ENGINE_MESSAGES and finding.issue != "rule_invalid":
        zh, en = ENGINE_MESSAGES[finding.issue]
        zh, en = zh.replace("{code}", spec.code), en.replace("{code}", spec.code)
    else:
        zh, en = spec.message(finding.issue, values)
    severity = Severity.WARNING if finding.issue == "truncated" else spec.severity
    code = f"{spec.code}.{finding.issue}" if finding.issue else spec.code
    return FormatProblem(code, severity, finding.field, zh, en)


def _broken_rule(code: str, source: str, errors: list[str]) -> RuleSpec:
    logger.warning("format rule %s (%s) is invalid: %s", code, source, "; ".join(errors))
    return RuleSpec(
        code="format.rule_invalid",
        type="invalid_rule",
        severity=Severity.WARNING,
        kinds=frozenset(),
        directions=frozenset(),
        params={"rule": code},
        messages={"": ENGINE_MESSAGES["rule_invalid"]},
        source=source,
    )


ENGINE_MESSAGES: dict[str, tuple[str, str]] = {
    "rule_failed": (
        "格式检查规则 {code} 运行出错，已记录。",
        "Format rule {code} failed; it was logged.",
    ),
    "timeout": (
        "格式检查规则 {code} 的正则表达式运行超时，未能检查。",
        "Format rule {code}: its pattern took too long and was not checked.",
    ),
    "truncated": (
        "格式检查规则 {code} 发现的问题过多，其余未列出。",
        "Format rule {code} found too many problems; the rest are not listed.",
    ),
    "rule_invalid": (
        "部门格式检查规则 {rule} 数据无效，未执行，请管理员修正。",
        "Department format rule {rule} is invalid and was not run; an administrator must fix it.",
    ),
}
