"""The demo county's number series (one per 发文机关代字, keyed by the code itself); idempotent."""

from __future__ import annotations

from django.db import transaction

from gongwen.documents.numbering.models import NumberSeries

# 代字, name
DEMO_SERIES: list[tuple[str, str]] = [
    ("县政办发", "清河县人民政府办公室发文"),
    ("县政发", "清河县人民政府发文"),
    ("县委办发", "中共清河县委办公室发文"),
    ("县发改发", "清河县发展和改革局发文"),
    ("县财发", "清河县财政局发文"),
    ("县教发", "清河县教育局发文"),
    ("县档发", "清河县档案馆发文"),
    ("县政办函", "清河县人民政府办公室函"),
]


def load_series() -> int:
    """Create or update the demo series and return how many there are.

    Running it twice changes nothing; counters and issued numbers are never touched.
    """
    with transaction.atomic():
        for code, name in DEMO_SERIES:
            NumberSeries.objects.update_or_create(
                key=code, defaults={"organ_code": code, "name": name, "is_active": True}
            )
    return len(DEMO_SERIES)
