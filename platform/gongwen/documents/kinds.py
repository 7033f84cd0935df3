"""The 15 kinds of 公文 (《党政机关公文处理工作条例》第八条), 密级, 紧急程度 and 行文方向."""

from __future__ import annotations

from enum import StrEnum


class Kind(StrEnum):
    """文种: the value is the Chinese name used in titles and definitions."""

    RESOLUTION = "决议"
    DECISION = "决定"
    ORDER = "命令"
    COMMUNIQUE = "公报"
    ANNOUNCEMENT = "公告"
    PUBLIC_NOTICE = "通告"
    OPINION = "意见"
    NOTICE = "通知"
    CIRCULAR = "通报"
    REPORT = "报告"
    REQUEST = "请示"
    REPLY = "批复"
    MOTION = "议案"
    LETTER = "函"
    MINUTES = "纪要"


class Secrecy(StrEnum):
    """密级 of a document; the order matches :class:`gongwen.org.clearance.Clearance`."""

    PUBLIC = "公开"
    INTERNAL = "内部"
    SECRET = "秘密"  # noqa: S105 (a 密级 name, not a password)
    CONFIDENTIAL = "机密"

    @property
    def level(self) -> int:
        """Return the clearance level a reader needs."""
        return list(Secrecy).index(self)


class Urgency(StrEnum):
    """紧急程度; ``NORMAL`` is printed as nothing."""

    NORMAL = "平件"
    URGENT = "加急"
    EXTRA_URGENT = "特急"


class Direction(StrEnum):
    """行文方向: decides the 版头 (上行文 shows 签发人) and some format rules."""

    DOWN = "down"  # 下行文
    UP = "up"  # 上行文 (请示, 报告 to a superior)
    PARALLEL = "parallel"  # 平行文 (函)
    INCOMING = "incoming"  # 收文
