"""Static reading of a rule for the definitions validator: variables and comparisons.

Nothing is evaluated. A path is *static* when it is written as a literal; a computed one
(``{"var": {"cat": ["a.", {"var": "k"}]}}``) is reported with ``path=None``. Logic inside the
per-item argument of ``map``/``filter``/``reduce``/``all``/``none``/``some`` reads the item,
not the form data: its references carry ``in_iteration=True``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gongwen.expressions.coercion import scalar_to_string
from gongwen.expressions.structure import Path, child, pointer_of

COMPARISON_OPERATORS = frozenset({"==", "===", "!=", "!==", "<", "<=", ">", ">=", "in"})
_ITERATION_OPERATORS = frozenset({"map", "filter", "reduce", "all", "none", "some"})
_MISSING_OPERATORS = frozenset({"missing", "missing_some"})


@dataclass(frozen=True, slots=True)
class VarRef:
    """A place where the rule reads data.

    Attributes:
        path: The dotted path as written (``""`` = the whole data), ``None`` when computed.
        pointer: JSON Pointer of the ``var`` object, or of the key inside ``missing`` /
            ``missing_some`` (of the operation itself when its key list is computed).
        in_iteration: True when the path is read from an array item, not from the data.
    """

    path: str | None
    pointer: str
    in_iteration: bool = False


@dataclass(frozen=True, slots=True)
class Comparison:
    """A comparison of a static ``var`` with a literal, e.g. ``{"<": [{"var": "days"}, 3]}``.

    Attributes:
        op: The comparison operator (one of ``COMPARISON_OPERATORS``).
        path: The static path the ``var`` reads.
        literal: The literal compared with (an array literal for ``in``).
        pointer: JSON Pointer of the comparison object.
        var_position: The argument index of the ``var`` (for ``in``: 0 needle, 1 haystack).
    """

    op: str
    path: str
    literal: Any
    pointer: str
    var_position: int = 0


@dataclass(frozen=True, slots=True)
class _Logic:
    name: str
    args: list[Any]
    path: Path
    args_path: Path
    args_is_list: bool
    in_iteration: bool

    def arg_path(self, index: int) -> Path:
        return child(self.args_path, index) if self.args_is_list else self.args_path


def _logic_nodes(rule: Any) -> Iterator[_Logic]:
    """Yield every operation object of ``rule`` in document order, without recursion.

    A container met twice (only possible in a rule built in Python, never in parsed JSON) is
    read once, so even a cyclic rule ends.
    """
    stack: list[tuple[Any, Path, bool]] = [(rule, None, False)]
    seen: set[int] = set()
    while stack:
        value, path, in_iteration = stack.pop()
        if isinstance(value, dict | list):
            if id(value) in seen:
                continue
            seen.add(id(value))
        if isinstance(value, list):
            stack.extend(
                (v, child(path, i), in_iteration) for i, v in reversed(list(enumerate(value)))
            )
            continue
        if not (isinstance(value, dict) and len(value) == 1):
            continue
        ((name, raw), *_) = value.items()
        args = raw if isinstance(raw, list) else [raw]
        node = _Logic(str(name), args, path, child(path, name), isinstance(raw, list), in_iteration)
        yield node
        for index in range(len(args) - 1, -1, -1):
            per_item = name in _ITERATION_OPERATORS and index == 1
            stack.append((args[index], node.arg_path(index), in_iteration or per_item))


def _static_path(value: Any) -> str | None:
    """Return the path a literal ``var`` argument names, or None if it is computed."""
    if isinstance(value, dict | list):
        return None
    if value is None:
        return ""
    return scalar_to_string(value)


def _var_path(node: _Logic) -> str | None:
    return _static_path(node.args[0]) if node.args else ""


def _missing_refs(node: _Logic) -> Iterator[VarRef]:
    keys_at = 1 if node.name == "missing_some" else 0
    first = node.args[keys_at] if len(node.args) > keys_at else None
    if node.name == "missing" and not isinstance(first, list):
        keys, keys_path, in_list = node.args, node.args_path, node.args_is_list
    elif isinstance(first, list):
        keys, keys_path, in_list = first, node.arg_path(keys_at), True
    else:
        yield VarRef(None, pointer_of(node.path), node.in_iteration)
        return
    for index, key in enumerate(keys):
        key_path = child(keys_path, index) if in_list else keys_path
        yield VarRef(_static_path(key), pointer_of(key_path), node.in_iteration)


def variable_refs(rule: Any) -> list[VarRef]:
    """Return every place ``rule`` reads data (``var``, ``missing``, ``missing_some``)."""
    refs: list[VarRef] = []
    for node in _logic_nodes(rule):
        if node.name == "var":
            refs.append(VarRef(_var_path(node), pointer_of(node.path), node.in_iteration))
        elif node.name in _MISSING_OPERATORS:
            refs.extend(_missing_refs(node))
    return refs


def variables(rule: Any) -> set[str]:
    """Return the static dotted paths ``rule`` reads from the data.

    Paths read from array items (``in_iteration``) and the whole-data path ``""`` are left
    out; use ``variable_refs`` to see them and the computed ones.
    """
    return {ref.path for ref in variable_refs(rule) if ref.path and not ref.in_iteration}


def _literal(value: Any) -> bool:
    if isinstance(value, dict):
        return False
    if isinstance(value, list):
        return all(not isinstance(item, dict | list) for item in value)
    return True


def _static_var(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1 and "var" in value:
        raw = value["var"]
        args = raw if isinstance(raw, list) else [raw]
        path = _static_path(args[0]) if args else ""
        return path or None
    return None


def comparisons(rule: Any) -> list[Comparison]:
    """Return each comparison of a static ``var`` with a literal, outside array iteration."""
    found: list[Comparison] = []
    for node in _logic_nodes(rule):
        if node.name not in COMPARISON_OPERATORS or node.in_iteration:
            continue
        for position, arg in enumerate(node.args):
            path = _static_var(arg)
            if path is None:
                continue
            found.extend(
                Comparison(node.name, path, other, pointer_of(node.path), position)
                for other in node.args
                if other is not arg and _literal(other)
            )
    return found
