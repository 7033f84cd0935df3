"""The demo county's number series (one per 发文机关代字, keyed by the code itself); idempotent.

Besides the eight organ codes of the demo county, the shipped definitions (``flow_defs/``)
number 请示/报告 in 县政办呈, 纪要 in 县政办纪 and incoming registrations in 县政办收: those are
here too, so every shipped definition validates against the demo data.
"""

from __future__ import annotations

from django.db import transaction

from gongwen.documents.numbering.models import NumberSeries

# 代字, name, kind ("" = any kind)
DEMO_SERIES: list[tuple[str, str, str]] = [
    ("县政办发", "清河县人民政府办公室发文", ""),
    ("县政发", "清河县人民政府发文", ""),
    ("县委办发", "中共清河县委办公室发文", ""),
    ("县发改发", "清河县发展和改革局发文", ""),
    ("县财发", "清河县财政局发文", ""),
    ("县教发", "清河县教育局发文", ""),
    ("县档发", "清河县档案馆发文", ""),
    ("县政办函", "清河县人民政府办公室函", ""),
    ("县政办呈", "清河县人民政府办公室上行文（请示、报告）", ""),
    ("县政办纪", "清河县人民政府办公室纪要", "纪要"),
    ("县政办收", "清河县人民政府办公室收文登记", ""),
]


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
