"""Department format rules: rules of the generic types, stored as data and scoped to a unit."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from gongwen.documents.formatcheck.problems import Severity
from gongwen.documents.formatcheck.registry import rule_types
from gongwen.documents.formatcheck.specs import (
    CODE_PATTERN,
    RuleDataError,
    RuleSpec,
    default_rules,
    parse_rule,
)


def _department_type_choices() -> list[tuple[str, str]]:
    return [(name, name) for name in sorted(rule_types(department_only=True))]


class FormatRule(models.Model):
    """A rule a department adds to the automatic format check (``department`` empty = all)."""

    code = models.CharField(
        _("code"),
        max_length=80,
        validators=[
            RegexValidator(CODE_PATTERN, _("Use dotted lower-case words, e.g. fgj.no_slang."))
        ],
    )
    department = models.ForeignKey(
        "org.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Applies to documents of this department and its subunits; empty: everyone."),
    )
    rule_type = models.CharField(_("rule type"), max_length=40, choices=_department_type_choices)
    severity = models.CharField(
        _("severity"),
        max_length=10,
        choices=[(s.value, s.value) for s in Severity],
        default=Severity.WARNING.value,
    )
    kinds = models.JSONField(_("kinds"), default=list, blank=True, help_text=_("Empty: all kinds."))
    directions = models.JSONField(
        _("directions"), default=list, blank=True, help_text=_("Empty: all directions.")
    )
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    message_zh = models.CharField(_("message (Chinese)"), max_length=300)
    message_en = models.CharField(_("message (English)"), max_length=300)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("format rule")
        verbose_name_plural = _("format rules")
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code", "department"], name="documents_formatrule_code_unique"
            ),
            models.UniqueConstraint(
                fields=["code"],
                condition=models.Q(department__isnull=True),
                name="documents_formatrule_global_code_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def as_data(self) -> dict[str, Any]:
        """Return the rule in the JSON form of ``default_rules.json``."""
        return {
            "code": self.code,
            "type": self.rule_type,
            "severity": self.severity,
            "kinds": self.kinds,
            "directions": self.directions,
            "params": self.params,
            "message": {"zh-Hans": self.message_zh, "en": self.message_en},
        }

    def to_spec(self) -> RuleSpec:
        """Return the validated spec.

        Raises:
            RuleDataError: if the stored data is not a valid department rule.
        """
        return parse_rule(self.as_data(), source=f"FormatRule {self.pk}", department=True)

    def clean(self) -> None:
        """Reject data that the check could not run, and codes of the shipped rules."""
        super().clean()
        errors: list[str] = []
        if self.code in {spec.code for spec in default_rules()}:
            errors.append(str(_("This code belongs to a shipped rule; choose another.")))
        try:
            self.to_spec()
        except RuleDataError as exc:
            errors.extend(exc.errors)
        if errors:
            raise ValidationError(errors, code="invalid_format_rule")
