"""Walk rules and data without recursion: JSON types, depth, size, JSON Pointers.

A rule nested 100,000 deep is refused after ``max_depth`` steps down, never by a
``RecursionError``; data is checked for non-JSON values and cycles in one linear pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from gongwen.expressions.exceptions import ExpressionLimitExceeded, ExpressionTypeError
from gongwen.expressions.limits import Limits
from gongwen.expressions.values import utf16_length

_JSON_TYPES = (dict, list, str, int, float, bool, type(None))

# A path is a linked list (parent, key) so that each node costs O(1) to record.
Path = tuple[Any, str | int] | None


def pointer_of(path: Path) -> str:
    """Return the JSON Pointer (RFC 6901) of a linked ``path``; ``""`` for the root."""
    keys: list[str] = []
    while path is not None:
        path, key = path
        keys.append(str(key).replace("~", "~0").replace("/", "~1"))
    return "".join("/" + key for key in reversed(keys))


def child(path: Path, key: str | int) -> Path:
    """Return the path of ``key`` below ``path``."""
    return (path, key)


@dataclass(frozen=True, slots=True)
class Node:
    """One value met while walking a rule."""

    value: Any
    depth: int
    path: Path

    @property
    def pointer(self) -> str:
        """Return the node's JSON Pointer relative to the rule."""
        return pointer_of(self.path)


def walk(rule: Any) -> Iterator[Node]:
    """Yield every value of ``rule`` depth-first, in document order, without recursion.

    ``depth`` counts the containers from the root down to the value, the value included.
    The caller stops the walk (e.g. past a limit); nothing here bounds it.
    """
    stack: list[tuple[Any, int, Path]] = [(rule, 0, None)]
    while stack:
        value, depth, path = stack.pop()
        is_container = isinstance(value, dict | list)
        yield Node(value, depth + 1 if is_container else depth, path)
        if isinstance(value, dict):
            items = list(value.items())
            stack.extend((v, depth + 1, child(path, k)) for k, v in reversed(items))
        elif isinstance(value, list):
            stack.extend(
                (v, depth + 1, child(path, i)) for i, v in reversed(list(enumerate(value)))
            )


def non_json_reason(value: Any) -> str | None:
    """Return why ``value`` itself is not a JSON value (children not looked at), else None."""
    if isinstance(value, dict):
        bad_key = next((k for k in value if not isinstance(k, str)), None)
        return None if bad_key is None else f"object key {bad_key!r} is not a string"
    if isinstance(value, _JSON_TYPES):
        return None
    return f"{type(value).__name__} is not JSON data"


def ensure_rule(rule: Any, limits: Limits) -> None:
    """Raise unless ``rule`` is JSON within the depth, node and string-length limits."""
    for count, node in enumerate(walk(rule), start=1):
        if count > limits.max_nodes:
            raise ExpressionLimitExceeded(
                "max_nodes",
                f"the rule has more than {limits.max_nodes} nodes",
                code="expression.too_large",
            )
        if node.depth > limits.max_depth:
            raise ExpressionLimitExceeded(
                "max_depth",
                f"the rule nests deeper than {limits.max_depth}",
                code="expression.too_deep",
                pointer=node.pointer,
            )
        reason = non_json_reason(node.value)
        if reason:
            raise ExpressionTypeError(f"rule: {reason}", pointer=node.pointer)
        if isinstance(node.value, str) and utf16_length(node.value) > limits.max_string_length:
            raise ExpressionLimitExceeded(
                "max_string_length",
                f"a string in the rule is longer than {limits.max_string_length}",
                code="expression.too_large",
                pointer=node.pointer,
            )


class _Leave:
    """Stack marker: the walk has finished the container with this ``id``."""

    __slots__ = ("container_id",)

    def __init__(self, container_id: int) -> None:
        self.container_id = container_id


_PLAIN_SCALARS = frozenset({str, int, float, bool, type(None)})


def ensure_data(data: Any) -> None:
    """Raise ``ExpressionTypeError`` unless ``data`` is acyclic JSON data (NaN/±inf allowed).

    Shared sub-objects are fine and walked once; a container inside itself is refused.
    """
    on_path: set[int] = set()
    done: set[int] = set()
    stack: list[Any] = [data]
    while stack:
        value = stack.pop()
        kind = type(value)
        if kind in _PLAIN_SCALARS:
            continue
        if kind is _Leave:
            on_path.discard(value.container_id)
            done.add(value.container_id)
            continue
        if kind is not dict and kind is not list:
            reason = non_json_reason(value)  # subclasses of JSON types pass, others do not
            if reason:
                raise ExpressionTypeError(f"data: {reason}")
            if not isinstance(value, dict | list):
                continue
        _enter(value, on_path, done, stack)


def _enter(container: Any, on_path: set[int], done: set[int], stack: list[Any]) -> None:
    key = id(container)
    if key in done:
        return
    if key in on_path:
        raise ExpressionTypeError("data: a container holds itself")
    if isinstance(container, dict):
        if not set(map(type, container)) <= {str}:
            raise ExpressionTypeError(f"data: {non_json_reason(container)}")
        values: Any = container.values()
    else:
        values = container
    on_path.add(key)
    stack.append(_Leave(key))
    stack.extend(values)
