"""A realistic county government for demos and tests (``manage.py load_demo``); idempotent.

清河县 is fictional. Everyone's password is ``GONGWEN["DEMO_PASSWORD"]`` (default
``gongwen-demo``); the README lists the logins worth trying.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from gongwen.conf import gongwen_settings
from gongwen.org.models import (
    Delegation,
    Department,
    DepartmentKind,
    Oversight,
    Position,
    Role,
    User,
)
from gongwen.org.standard_roles import ensure_standard_roles

REG, ORG, SEC = DepartmentKind.REGION, DepartmentKind.ORGAN, DepartmentKind.SECTION

# code, name, short name, kind, parent code
DEPARTMENTS: list[tuple[str, str, str, str, str | None]] = [
    ("qhx", "清河县人民政府", "县政府", REG, None),
    ("xwb", "中共清河县委办公室", "县委办", ORG, "qhx"),
    ("xwb-msk", "县委办秘书科", "秘书科", SEC, "xwb"),
    ("zfb", "清河县人民政府办公室", "县政府办", ORG, "qhx"),
    ("zfb-msk", "县政府办秘书科", "秘书科", SEC, "zfb"),
    ("zfb-zhk", "县政府办综合科", "综合科", SEC, "zfb"),
    ("zfb-wdk", "县政府办文电科", "文电科", SEC, "zfb"),
    ("fgj", "清河县发展和改革局", "发改局", ORG, "qhx"),
    ("fgj-bgs", "发改局办公室", "办公室", SEC, "fgj"),
    ("fgj-ghk", "发改局规划科", "规划科", SEC, "fgj"),
    ("czj", "清河县财政局", "财政局", ORG, "qhx"),
    ("czj-bgs", "财政局办公室", "办公室", SEC, "czj"),
    ("czj-ysk", "财政局预算科", "预算科", SEC, "czj"),
    ("jyj", "清河县教育局", "教育局", ORG, "qhx"),
    ("jyj-bgs", "教育局办公室", "办公室", SEC, "jyj"),
    ("jyj-jck", "教育局基础教育科", "基础教育科", SEC, "jyj"),
    ("dag", "清河县档案馆", "档案馆", ORG, "qhx"),
    ("dag-ywk", "档案馆业务科", "业务科", SEC, "dag"),
]


@dataclass(frozen=True)
class Post:
    """One position: department code, title, role codes, primary?, head?"""

    department: str
    title: str
    roles: tuple[str, ...] = ()
    primary: bool = True
    head: bool = False


# username, 姓名, clearance (0 公开 … 3 机密), posts
PEOPLE: list[tuple[str, str, int, list[Post]]] = [
    ("zhangjianguo", "张建国", 3, [Post("qhx", "县长", ("principal", "signer"), head=True)]),
    ("liwenhua", "李文华", 3, [Post("qhx", "常务副县长", ("leader_in_charge", "signer"))]),
    ("wangxiuying", "王秀英", 3, [Post("qhx", "副县长", ("leader_in_charge", "signer"))]),
    ("zhaolei", "赵磊", 3, [Post("xwb", "主任", ("signer", "principal"), head=True)]),
    ("qianwei", "钱伟", 2, [Post("xwb", "副主任", ("office_reviewer", "signer"))]),
    ("sunli", "孙丽", 2, [Post("xwb-msk", "科长", ("section_head",), head=True)]),
    ("zhoujie", "周杰", 1, [Post("xwb-msk", "科员", ("drafter",))]),
    ("zhulin", "朱琳", 1, [Post("xwb-msk", "文书", ("registrar",))]),
    (
        "chenming",
        "陈明",
        3,
        [Post("zfb", "主任", ("signer", "office_reviewer", "principal"), head=True)],
    ),
    ("liuyang", "刘洋", 2, [Post("zfb", "副主任", ("office_reviewer", "signer"))]),
    ("yangfan", "杨帆", 2, [Post("zfb-msk", "科长", ("section_head",), head=True)]),
    ("huangmin", "黄敏", 1, [Post("zfb-msk", "科员", ("drafter",))]),
    (
        "fanglin",
        "方琳",
        1,
        [
            Post("zfb-msk", "科员", ("drafter",)),
            Post("jyj-bgs", "联络员", ("handler",), primary=False),
        ],
    ),
    ("wujing", "吴静", 2, [Post("zfb-zhk", "科长", ("section_head",), head=True)]),
    ("xugang", "徐刚", 1, [Post("zfb-zhk", "科员", ("drafter",))]),
    ("linfeng", "林峰", 2, [Post("zfb-zhk", "核稿员", ("office_reviewer",))]),
    ("hetao", "何涛", 2, [Post("zfb-wdk", "科长", ("section_head", "registrar"), head=True)]),
    ("guoyan", "郭燕", 2, [Post("zfb-wdk", "文书", ("registrar",))]),
    ("mahui", "马慧", 1, [Post("zfb-wdk", "收发员", ("registrar",))]),
    ("luoqiang", "罗强", 3, [Post("fgj", "局长", ("signer", "principal"), head=True)]),
    ("liangyu", "梁宇", 2, [Post("fgj", "副局长", ("leader_in_charge",))]),
    (
        "songjia",
        "宋佳",
        2,
        [Post("fgj-bgs", "主任", ("office_reviewer", "section_head"), head=True)],
    ),
    ("zhengkai", "郑凯", 1, [Post("fgj-bgs", "文书", ("registrar", "handler"))]),
    ("xiehong", "谢红", 2, [Post("fgj-ghk", "科长", ("section_head",), head=True)]),
    ("hanbing", "韩冰", 1, [Post("fgj-ghk", "科员", ("drafter", "handler"))]),
    ("tangjun", "唐军", 3, [Post("czj", "局长", ("signer", "principal"), head=True)]),
    ("fengli", "冯丽", 2, [Post("czj", "副局长", ("leader_in_charge",))]),
    (
        "dengchao",
        "邓超",
        2,
        [Post("czj-bgs", "主任", ("office_reviewer", "section_head"), head=True)],
    ),
    ("caoxue", "曹雪", 1, [Post("czj-bgs", "文书", ("registrar", "handler"))]),
    ("pengbo", "彭博", 2, [Post("czj-ysk", "科长", ("section_head",), head=True)]),
    ("zengyi", "曾毅", 1, [Post("czj-ysk", "科员", ("drafter", "handler"))]),
    ("xiaoyun", "萧云", 3, [Post("jyj", "局长", ("signer", "principal"), head=True)]),
    ("tianye", "田野", 2, [Post("jyj", "副局长", ("leader_in_charge",))]),
    (
        "dongmei",
        "董梅",
        2,
        [Post("jyj-bgs", "主任", ("office_reviewer", "section_head"), head=True)],
    ),
    ("yuanhao", "袁浩", 1, [Post("jyj-bgs", "文书", ("registrar", "handler"))]),
    ("panli", "潘莉", 2, [Post("jyj-jck", "科长", ("section_head",), head=True)]),
    ("jiangtao", "蒋涛", 1, [Post("jyj-jck", "科员", ("drafter", "handler"))]),
    ("caixia", "蔡霞", 2, [Post("dag", "馆长", ("signer", "principal"), head=True)]),
    ("luming", "陆明", 2, [Post("dag", "副馆长", ("office_reviewer",))]),
    ("chengli", "程立", 2, [Post("dag-ywk", "科长", ("archivist",), head=True)]),
    ("duwei", "杜伟", 2, [Post("dag-ywk", "档案员", ("archivist",))]),
    ("gaojing", "高静", 1, [Post("dag-ywk", "科员", ("drafter", "registrar"))]),
    (
        "yeqing",
        "叶青",
        2,
        [
            Post("dag-ywk", "档案员", ("archivist",)),
            Post("zfb-wdk", "兼职档案员", ("archivist",), primary=False),
        ],
    ),
    ("admin", "系统管理员", 1, [Post("zfb-wdk", "系统管理员", ("sysadmin",))]),
]

# leader username → department codes they are in charge of (分管)
OVERSIGHT: dict[str, list[str]] = {
    "liwenhua": ["zfb", "fgj", "czj"],
    "wangxiuying": ["jyj", "dag"],
    "liangyu": ["fgj-ghk"],
    "fengli": ["czj-ysk"],
    "tianye": ["jyj-jck"],
    "zhaolei": ["xwb-msk"],
}

# delegator, delegate, reason — in effect from yesterday for two weeks
DELEGATIONS: list[tuple[str, str, str]] = [("chenming", "liuyang", "外出学习，委托副主任代签")]


@transaction.atomic
def load_demo() -> dict[str, int]:
    """Create or update the demo county; return how many rows of each kind it holds."""
    departments = _load_departments()
    users = _load_people(departments)
    for leader, codes in OVERSIGHT.items():
        for code in codes:
            Oversight.objects.update_or_create(
                department=departments[code], defaults={"leader": users[leader]}
            )
    now = timezone.now()
    for delegator, delegate, reason in DELEGATIONS:
        Delegation.objects.update_or_create(
            delegator=users[delegator],
            delegate=users[delegate],
            reason=reason,
            defaults={
                "starts_at": now - timedelta(days=1),
                "ends_at": now + timedelta(days=14),
                "revoked_at": None,
            },
        )
    return {
        "departments": len(departments),
        "people": len(users),
        "oversight": sum(map(len, OVERSIGHT.values())),
        "delegations": len(DELEGATIONS),
    }


def _load_departments() -> dict[str, Department]:
    found: dict[str, Department] = {}
    for order, (code, name, short, kind, parent) in enumerate(DEPARTMENTS):
        dept, _ = Department.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "short_name": short,
                "kind": kind,
                "sort_order": order,
                "parent": found[parent] if parent else None,
            },
        )
        found[code] = dept
    return found


def _load_people(departments: dict[str, Department]) -> dict[str, User]:
    ensure_standard_roles(Role)
    roles = {r.code: r for r in Role.objects.all()}
    password = make_password(gongwen_settings.DEMO_PASSWORD)
    users: dict[str, User] = {}
    for username, name, clearance, posts in PEOPLE:
        user, _created = User.objects.get_or_create(
            username=username,
            defaults={"password": password},
        )
        user.display_name, user.clearance = name, clearance
        user.email = f"{username}@qinghe.gov.example"
        user.is_staff = user.is_superuser = username == "admin"
        user.save()
        for post in posts:
            position, _ = Position.objects.update_or_create(
                user=user,
                department=departments[post.department],
                title=post.title,
                defaults={"is_primary": post.primary, "is_head": post.head},
            )
            position.roles.set([roles[c] for c in post.roles])
        users[username] = user
    return users
