"""The one check of text a person gives an action: a string, not too long, storable.

PostgreSQL refuses a NUL in a text column (``DataError``), SQLite and the hash-chained audit
log keep it but nothing shows it; a lone surrogate cannot be encoded at all; other control
characters are invisible in every page and in the printed 公文. So every title, opinion,
message and reason goes through :func:`check_text` before it is written, and a bad one is a
refusal with the field's pointer instead of a database error halfway through an action.
"""

from __future__ import annotations

import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from gongwen.errors import GongwenError, InvalidRequest

#: Characters no text input may hold: C0 controls except tab, newline and carriage return; DEL
#: and the C1 controls; lone surrogates (half a UTF-16 pair, not storable as UTF-8).
UNSTORABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(
    value: Any,
    pointer: str,
    max_length: int,
    *,
    error: type[GongwenError] = InvalidRequest,
    too_long: Any = None,
) -> str:
    """Return ``value`` if it is text that can be stored, else raise ``error`` at ``pointer``.

    Args:
        value: What the caller passed; anything but a ``str`` is refused.
        pointer: The JSON Pointer of the input (``"/title"``, ``"/opinion"``).
        max_length: The most characters the input may have.
        error: The :class:`~gongwen.errors.GongwenError` class to raise (a layer's own
            invalid-input error, so ``except`` clauses of that layer keep working).
        too_long: The message for text past ``max_length`` (default: a general one).

    Raises:
        GongwenError: ``error``, with ``pointer``: not a string, too long, or holding a
            character that cannot be stored.
    """
    if not isinstance(value, str):
        raise error(_("This must be text."), pointer=pointer)
    if len(value) > max_length:
        if too_long is not None:
            raise error(too_long, pointer=pointer)
        raise error(
            _("The text is too long (at most %(limit)s characters)."),
            pointer=pointer,
            limit=max_length,
        )
    if UNSTORABLE.search(value):
        raise error(_("The text contains a character that cannot be stored."), pointer=pointer)
    return value
