"""The demo county's number series (one per 发文机关代字, keyed by the code itself); idempotent.

Every organ of the demo county issues under its own 代字 — 发文 (发), 函, 上行文 (呈, 请示 and
报告), 纪要 (纪) — and registers incoming documents under its own 收文 series (收). The shipped
definitions (``flow_defs/``) name the 县政府办公室's series by default and every organ's own
in ``document.organs``, so each organ numbers with its own series; :data:`ISSUING` says which
department issues under each code (the test CA gives each of those a seal).
"""

from __future__ import annotations

from django.db import transaction

from gongwen.documents.numbering.models import NumberSeries
from gongwen.org.demo import DEPARTMENTS

# department code → 代字 prefix of the organ
ORGAN_PREFIXES: dict[str, str] = {
    "zfb": "县政办",
    "xwb": "县委办",
    "fgj": "县发改",
    "czj": "县财",
    "jyj": "县教",
    "dag": "县档",
}
# 代字 suffix → what the series is for, the kind it is restricted to ("" = any), sealed?
SUFFIXES: tuple[tuple[str, str, str, bool], ...] = (
    ("发", "发文", "", True),
    ("函", "函", "", True),
    ("呈", "上行文（请示、报告）", "", True),
    ("纪", "纪要", "纪要", True),
    ("收", "收文登记", "", False),
)
_NAMES = {code: name for code, name, *_ in DEPARTMENTS}

# 代字, name, kind ("" = any kind)
DEMO_SERIES: list[tuple[str, str, str]] = [("县政发", f"{_NAMES['qhx']}发文", "")] + [
    (f"{prefix}{suffix}", f"{_NAMES[dept]}{label}", kind)
    for dept, prefix in ORGAN_PREFIXES.items()
    for suffix, label, kind, _sealed in SUFFIXES
]
#: 代字 → department code of the organ that seals under it (every series but 收文 registers).
ISSUING: tuple[tuple[str, str], ...] = (
    ("县政发", "qhx"),
    *(
        (f"{prefix}{suffix}", dept)
        for dept, prefix in ORGAN_PREFIXES.items()
        for suffix, _label, _kind, sealed in SUFFIXES
        if sealed
    ),
)


def load_series() -> int:
    """Create or update the demo series and return how many there are.

    Running it twice changes nothing; counters and issued numbers are never touched.
    """
    with transaction.atomic():
        for code, name, kind in DEMO_SERIES:
            NumberSeries.objects.update_or_create(
                key=code,
                defaults={"organ_code": code, "name": name, "kind": kind, "is_active": True},
            )
    return len(DEMO_SERIES)
