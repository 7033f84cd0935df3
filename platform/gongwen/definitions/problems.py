"""Problems that ``validate`` reports: a JSON Pointer, a stable code and two messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gongwen.definitions.messages import MESSAGES


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a definition.

    Attributes:
        pointer: JSON Pointer (RFC 6901) into the validated document; ``""`` is the whole
            document. Problems found in the *form* passed to ``validate(flow, form=…)`` are
            never reported there: a flow's problems always point into the flow.
        code: Stable dotted code, e.g. ``flow.unreachable_node`` (docs/definitions.md).
        message_zh: The message in Simplified Chinese.
        message_en: The message in English.
    """

    pointer: str
    code: str
    message_zh: str
    message_en: str

    def message(self, language: str = "zh-Hans") -> str:
        """Return the message in ``language`` (anything not Chinese gets English)."""
        return self.message_zh if language.lower().startswith("zh") else self.message_en


def escape(token: object) -> str:
    """Return one reference token escaped for a JSON Pointer (``~`` → ``~0``, ``/`` → ``~1``)."""
    return str(token).replace("~", "~0").replace("/", "~1")


def pointer(*tokens: object) -> str:
    """Return the JSON Pointer of ``tokens``: ``pointer("nodes", 3, "id")`` is ``/nodes/3/id``."""
    return "".join("/" + escape(t) for t in tokens)


def short(value: object, limit: int = 60) -> str:
    """Return ``value`` as text cut to ``limit`` characters, safe to put into a message."""
    text = value if isinstance(value, str) else repr(value)
    text = "".join(c if c.isprintable() else "\N{REPLACEMENT CHARACTER}" for c in text[:limit])
    return text + ("…" if len(str(value)) > limit else "")


def problem(where: str, code: str, **params: Any) -> Problem:
    """Return the :class:`Problem` ``code`` at pointer ``where`` with its messages filled in.

    Unknown codes of the ``schema.`` family fall back to the generic schema message, so a
    keyword new to jsonschema still yields a readable problem.
    """
    template = MESSAGES.get(code) or MESSAGES["schema.other"]
    values = {k: short(v) for k, v in params.items()}
    values.setdefault("keyword", code.rpartition(".")[2])
    return Problem(
        pointer=where,
        code=code,
        message_zh=template[0].format_map(_Defaulting(values)),
        message_en=template[1].format_map(_Defaulting(values)),
    )


class _Defaulting(dict):
    """A format map that leaves unknown placeholders visible instead of raising."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
