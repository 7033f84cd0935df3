"""Reversible names: definition keys and node ids to Python identifiers and back.

Flow classes are named ``Def_<key>_v<version>`` and nodes ``n_<id>``. Characters other than
ASCII letters and digits are written as ``_<hex code point>_`` so any key round-trips and the
result never contains ``.`` or ``/`` (which viewflow's string references split on).
"""

from __future__ import annotations

import re

_ESCAPE = re.compile(r"_([0-9a-f]+)_")
_CLASS = re.compile(r"^Def_(?P<key>[A-Za-z0-9_]+)_v(?P<version>[0-9]+)$")
NODE_PREFIX = "n_"
#: The hidden node every generated flow has for 退回/撤回 to the start: the initiator revises
#: and resubmits. ``@`` never occurs in definition node ids, so it cannot clash.
RESUBMIT_NODE = "@resubmit"


def encode(text: str) -> str:
    """Return ``text`` as an identifier fragment (reversible with :func:`decode`)."""
    return "".join(c if c.isascii() and c.isalnum() else f"_{ord(c):x}_" for c in text)


def decode(fragment: str) -> str:
    """Return the text :func:`encode` turned into ``fragment``."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), fragment)


def flow_class_name(key: str, version: int) -> str:
    """Return the class name of the flow built for definition ``key`` at ``version``."""
    return f"Def_{encode(key)}_v{int(version)}"


def parse_flow_class_name(name: str) -> tuple[str, int] | None:
    """Return ``(key, version)`` for a generated class name, ``None`` if it is not one."""
    match = _CLASS.match(name)
    if match is None:
        return None
    return decode(match["key"]), int(match["version"])


def node_attr(node_id: str) -> str:
    """Return the flow attribute name of node ``node_id``."""
    return NODE_PREFIX + encode(node_id)


def node_id_from_attr(attr: str) -> str:
    """Return the node id a flow attribute name stands for."""
    return decode(attr.removeprefix(NODE_PREFIX))
