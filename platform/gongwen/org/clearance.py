"""密级: the four access levels of the seed, ordered so that comparisons mean "cleared for"."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Clearance(models.IntegerChoices):
    """A person's clearance, and a document's 密级, on one ordered scale."""

    PUBLIC = 0, _("Public")  # 公开
    INTERNAL = 1, _("Internal")  # 内部
    SECRET = 2, _("Secret")  # 秘密
    CONFIDENTIAL = 3, _("Confidential")  # 机密

    @classmethod
    def parse(cls, value: object) -> "Clearance":
        """Return the level for a number, an English label or its 中文 name; raise ValueError."""
        names = {"公开": 0, "内部": 1, "秘密": 2, "机密": 3}
        if isinstance(value, str):
            key = value.strip()
            if key in names:
                return cls(names[key])
            for member in cls:
                if key.lower() in {member.name.lower(), str(member.label).lower()}:
                    return member
            if key.isdigit():
                value = int(key)
        if isinstance(value, int) and not isinstance(value, bool) and value in cls.values:
            return cls(value)
        raise ValueError(f"密级 must be one of 公开/内部/秘密/机密 (0–3), got {value!r}")
