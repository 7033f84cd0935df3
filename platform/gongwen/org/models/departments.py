"""Departments as a tree (county → 办公室/局/委 → 科室), stored with a materialised path.

The path (``/3/17/42/``) makes "is X inside Y" and "the subtree of Y" one indexed
``startswith`` filter and "the ancestors of X" a parse with no query at all.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _


class DepartmentKind(models.TextChoices):
    """What kind of unit a tree node is."""

    REGION = "region", _("Region (county/city)")  # 县/市
    ORGAN = "organ", _("Organ (office/bureau/commission)")  # 办公室/局/委
    SECTION = "section", _("Section")  # 科室


class Department(models.Model):
    """A unit of the organisation; ``parent`` is ``None`` only for a root."""

    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=30, blank=True)
    code = models.SlugField(
        _("code"),
        max_length=40,
        unique=True,
        help_text=_("Stable identifier, also the 机构（问题）代码 used in archive numbers."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=DepartmentKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    depth = models.PositiveSmallIntegerField(editable=False, default=0)
    sort_order = models.PositiveIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["path"]

    def __str__(self) -> str:
        return self.name

    # --- tree helpers that need no query ---
    @property
    def ancestor_ids(self) -> list[int]:
        """Return ids from the root down to this department's parent."""
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]

    @property
    def lineage_ids(self) -> list[int]:
        """Return ids from the root down to and including this department."""
        return [*self.ancestor_ids, self.pk]

    def is_within(self, other: Department) -> bool:
        """Return whether this department is ``other`` or lies below it."""
        return self.path.startswith(other.path)

    # --- integrity ---
    def clean(self) -> None:
        """Reject a parent that would make the tree a cycle."""
        super().clean()
        self._check_no_cycle()

    def _check_no_cycle(self) -> None:
        parent = self.parent
        if parent is None or self.pk is None:
            return
        if parent.pk == self.pk or (self.path and parent.path.startswith(self.path)):
            raise ValidationError(
                {
                    "parent": ValidationError(
                        _("A department cannot be placed under itself or its own subunit."),
                        code="department_cycle",
                    )
                }
            )

    def save(self, *args, **kwargs) -> None:
        """Save and keep ``path``/``depth`` of this node and its subtree consistent."""
        with transaction.atomic():
            if self.parent_id is not None:
                self.parent = Department.objects.select_for_update().get(pk=self.parent_id)
            self._check_no_cycle()
            old_path = self.path
            super().save(*args, **kwargs)
            new_path = f"{self.parent.path if self.parent else '/'}{self.pk}/"
            new_depth = self.parent.depth + 1 if self.parent else 0
            if new_path != old_path:
                self._move_subtree(old_path, new_path, new_depth - self.depth)
                self.path, self.depth = new_path, new_depth

    def _move_subtree(self, old_path: str, new_path: str, depth_delta: int) -> None:
        Department.objects.filter(pk=self.pk).update(path=new_path, depth=F("depth") + depth_delta)
        if old_path:
            Department.objects.filter(path__startswith=old_path).exclude(pk=self.pk).update(
                path=Concat(Value(new_path), Substr("path", len(old_path) + 1)),
                depth=F("depth") + depth_delta,
            )
