"""Templates per kind: where a drafter starts — title pattern, 主送 defaults, body skeleton.

Not Django templates: data per kind (:data:`TEMPLATES`), rendered with jinja2's
``SandboxedEnvironment``. Patterns may only substitute variables (``{{ subject }}``, with
argument-free filters such as ``|trim``); statements, comments and expressions are refused
before rendering, so a pattern from a definition cannot loop or build huge strings.

Definitions name a template by key (``document.template``: ``notice``, ``request`` …, the
kind's English name); :func:`template_for` accepts the key or the kind.

Variables: ``subject`` (事由), ``organ`` (发文机关), ``superior`` (上级机关, for 请示/报告),
``recipient`` (受文机关, for 批复/函/议案), ``year``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from gongwen.documents.content import Paragraph
from gongwen.documents.elements import DocumentElements
from gongwen.documents.kinds import Direction, Kind

MAX_PATTERN = 500
MAX_VALUE = 200
MAX_OUTPUT = 2_000
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
_SIMPLE = re.compile(r"^\s*[a-z_][a-z0-9_]*(\s*\|\s*[a-z_]+)*\s*$")
_ENV = SandboxedEnvironment(autoescape=False, undefined=StrictUndefined)


class TemplateDataError(ValueError):
    """Raised for a pattern or a value that breaks the template policy."""


@dataclass(frozen=True)
class KindTemplate:
    """The starting point for one kind."""

    kind: Kind
    direction: Direction
    title: str  # pattern
    main_recipients: tuple[str, ...]  # patterns
    body: tuple[tuple[int, str], ...]  # (heading level, pattern)

    @property
    def key(self) -> str:
        """Return the name definitions use for it (``document.template``), e.g. ``notice``."""
        return self.kind.name.lower()


def _t(kind, direction, title, recipients, *body) -> KindTemplate:
    return KindTemplate(kind, direction, title, recipients, tuple(body))


D, U, P = Direction.DOWN, Direction.UP, Direction.PARALLEL
ORGAN_TITLE = "{{ organ }}关于{{ subject }}的"

TEMPLATES: Mapping[Kind, KindTemplate] = MappingProxyType(
    {
        t.kind: t
        for t in (
            _t(
                Kind.RESOLUTION,
                D,
                ORGAN_TITLE + "决议",
                (),
                (0, "（{{ year }}年×月×日××会议通过）"),
                (0, "会议审议了……，会议认为，……。"),
                (0, "会议决定，……。"),
            ),
            _t(
                Kind.DECISION,
                D,
                ORGAN_TITLE + "决定",
                (),
                (0, "为……，经研究，决定如下："),
                (1, "一、……"),
                (1, "二、……"),
                (0, "本决定自印发之日起施行。"),
            ),
            _t(
                Kind.ORDER,
                D,
                "{{ organ }}令",
                (),
                (0, "《{{ subject }}》已经××会议通过，现予公布，自{{ year }}年×月×日起施行。"),
            ),
            _t(
                Kind.COMMUNIQUE,
                D,
                "{{ organ }}{{ subject }}公报",
                (),
                (0, "……"),
                (1, "一、……"),
                (1, "二、……"),
            ),
            _t(
                Kind.ANNOUNCEMENT,
                D,
                ORGAN_TITLE + "公告",
                (),
                (0, "根据……，现将……公告如下："),
                (1, "一、……"),
                (1, "二、……"),
                (0, "特此公告。"),
            ),
            _t(
                Kind.PUBLIC_NOTICE,
                D,
                ORGAN_TITLE + "通告",
                (),
                (0, "为……，根据……，现就有关事项通告如下："),
                (1, "一、……"),
                (1, "二、……"),
                (0, "特此通告。"),
            ),
            _t(
                Kind.OPINION,
                D,
                ORGAN_TITLE + "意见",
                ("各乡镇人民政府", "县政府各部门"),
                (0, "为……，现提出如下意见。"),
                (1, "一、总体要求"),
                (1, "二、主要任务"),
                (2, "（一）……"),
                (3, "1.……"),
                (1, "三、保障措施"),
            ),
            _t(
                Kind.NOTICE,
                D,
                ORGAN_TITLE + "通知",
                ("各乡镇人民政府", "县政府各部门"),
                (0, "为……，现就有关事项通知如下："),
                (1, "一、……"),
                (2, "（一）……"),
                (3, "1.……"),
                (1, "二、……"),
            ),
            _t(
                Kind.CIRCULAR,
                D,
                ORGAN_TITLE + "通报",
                ("各乡镇人民政府", "县政府各部门"),
                (0, "……现将有关情况通报如下："),
                (1, "一、基本情况"),
                (1, "二、存在问题"),
                (1, "三、有关要求"),
            ),
            _t(
                Kind.REPORT,
                U,
                ORGAN_TITLE + "报告",
                ("{{ superior }}",),
                (0, "现将……情况报告如下："),
                (1, "一、工作进展"),
                (1, "二、存在问题"),
                (1, "三、下一步打算"),
                (0, "特此报告。"),
            ),
            _t(
                Kind.REQUEST,
                U,
                ORGAN_TITLE + "请示",
                ("{{ superior }}",),
                (0, "……（请示缘由）"),
                (0, "为……，拟……（请示事项，一文一事）。"),
                (0, "妥否，请批示。"),
            ),
            _t(
                Kind.REPLY,
                D,
                ORGAN_TITLE + "批复",
                ("{{ recipient }}",),
                (0, "你单位《关于……的请示》（××〔{{ year }}〕×号）收悉。经研究，现批复如下："),
                (1, "一、同意……"),
                (1, "二、……"),
                (0, "此复。"),
            ),
            _t(
                Kind.MOTION,
                D,
                "{{ organ }}关于提请审议{{ subject }}的议案",
                ("{{ recipient }}",),
                (0, "为……，{{ organ }}起草了……，已经××会议讨论通过，现提请审议。"),
            ),
            _t(
                Kind.LETTER,
                P,
                ORGAN_TITLE + "函",
                ("{{ recipient }}",),
                (0, "……（缘由）"),
                (0, "……（事项）"),
                (0, "特此函告。"),
            ),
            _t(
                Kind.MINUTES,
                D,
                "{{ subject }}纪要",
                (),
                (0, "{{ year }}年×月×日，……主持召开……会议，研究……。纪要如下："),
                (1, "一、……"),
                (1, "二、……"),
            ),
        )
    }
)


def template_for(kind: Kind | str) -> KindTemplate:
    """Return the template of ``kind`` (a kind such as ``通知`` or a key such as ``notice``).

    Raises:
        TemplateDataError: for an unknown kind or key.
    """
    by_key = {t.key: t for t in TEMPLATES.values()}
    if isinstance(kind, str) and kind in by_key:
        return by_key[kind]
    try:
        return TEMPLATES[Kind(kind)]
    except ValueError:
        raise TemplateDataError(f"unknown kind or template {kind!r}") from None


def render_pattern(pattern: str, context: Mapping[str, object]) -> str:
    """Render one pattern in the sandbox.

    Raises:
        TemplateDataError: for a pattern outside the policy, an unknown variable, a value that
            is not short text, or an over-long result.
    """
    _check_pattern(pattern)
    values = {k: _check_value(k, v) for k, v in context.items()}
    try:
        text = _ENV.from_string(pattern).render(values)
    except TemplateError as exc:
        raise TemplateDataError(f"pattern {pattern[:60]!r}: {exc}") from exc
    if len(text) > MAX_OUTPUT:
        raise TemplateDataError("rendered text is too long")
    return text


def start_draft(
    kind: Kind | str,
    *,
    subject: str,
    organ: str = "",
    superior: str = "",
    recipient: str = "",
    today: date | None = None,
) -> DocumentElements:
    """Return the 要素 a drafter starts from: title, 主送, body skeleton, organ filled in.

    Raises:
        TemplateDataError: for an unknown kind or values that break the policy.
    """
    template = template_for(kind)
    context = {
        "subject": subject,
        "organ": organ,
        "superior": superior or "……",
        "recipient": recipient or "……",
        "year": str((today or date.today()).year),
    }
    recipients = tuple(render_pattern(p, context) for p in template.main_recipients)
    return DocumentElements(
        kind=template.kind,
        title=render_pattern(template.title, context),
        direction=template.direction,
        organ_name=organ,
        main_recipients=tuple(r for r in recipients if r),
        body=tuple(Paragraph(render_pattern(t, context), level) for level, t in template.body),
        signature_organ=organ,
    )


def _check_pattern(pattern: object) -> None:
    if not isinstance(pattern, str) or len(pattern) > MAX_PATTERN:
        raise TemplateDataError(f"a pattern is text of at most {MAX_PATTERN} characters")
    if "{%" in pattern or "{#" in pattern:
        raise TemplateDataError("patterns may not contain statements or comments")
    for expression in _PLACEHOLDER.findall(pattern):
        if not _SIMPLE.match(expression):
            raise TemplateDataError(f"only variables and filters may be used: {{{{{expression}}}}}")


def _check_value(name: str, value: object) -> str:
    if not isinstance(value, str) or len(value) > MAX_VALUE:
        raise TemplateDataError(f"{name} must be text of at most {MAX_VALUE} characters")
    return value
