"""The 要素 of a 公文 (第九条) as one immutable value, shared by format checks and rendering.

The database model stores the same fields; renderers and checkers take this dataclass so they
run without a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gongwen.documents.content import Body
from gongwen.documents.kinds import Direction, Kind, Secrecy, Urgency


@dataclass(frozen=True)
class Attachment:
    """An attachment as the 附件说明 lists it."""

    name: str
    sha256: str = ""


@dataclass(frozen=True)
class DocumentElements:
    """Every element of 第九条; empty strings/tuples mean "not present"."""

    kind: Kind
    title: str  # 标题
    direction: Direction = Direction.DOWN
    copy_number: str = ""  # 份号 (6 digits)
    secrecy: Secrecy = Secrecy.PUBLIC  # 密级
    secrecy_period: str = ""  # 保密期限, e.g. "10年"
    urgency: Urgency = Urgency.NORMAL  # 紧急程度
    organ_name: str = ""  # 发文机关标志, e.g. "清河县人民政府办公室"
    organ_names: tuple[str, ...] = ()  # joint documents: several organs
    doc_number: str = ""  # 发文字号, e.g. "县政办发〔2026〕12号"
    signers: tuple[str, ...] = ()  # 签发人 (上行文)
    main_recipients: tuple[str, ...] = ()  # 主送机关
    body: Body = field(default_factory=tuple)  # 正文
    attachments: tuple[Attachment, ...] = ()  # 附件 (说明 is derived from these)
    signature_organ: str = ""  # 发文机关署名
    date: date | None = None  # 成文日期
    note: str = ""  # 附注
    cc: tuple[str, ...] = ()  # 抄送机关
    printing_organ: str = ""  # 印发机关
    printing_date: date | None = None  # 印发日期
