"""A form field for editing a definition as JSON text (the admin's draft form).

The stored document is shown pretty-printed (2-space indent, real Chinese characters) in a tall
monospace textarea. Text that is not JSON is refused with the line, the column, the reason and
the offending line, by the same parser as the command line
(:func:`gongwen.definitions.jsontext.parse_definition`), in the language of the page. A small
script (``definitions/json_editor.js``, served by us: the policy is ``script-src 'self'``) adds
"Format" and a live syntax check; the server's check is the one that counts.
"""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.fields import InvalidJSONInput
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from gongwen.definitions.jsontext import parse_definition


class JSONEditor(forms.Textarea):
    """A tall monospace textarea that the editor script enhances."""

    class Media:
        css = {"all": ["definitions/json_editor.css"]}
        js = ["definitions/json_editor.js"]

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"class": "gongwen-json-editor", "rows": 30, "cols": 100, "spellcheck": "false"}
        super().__init__({**defaults, **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        """Add the script's labels in the page's language (data attributes, no inline script)."""
        labels = {
            "data-json-editor": "",
            "data-label-format": _("Format"),
            "data-label-valid": _("Valid JSON."),
            "data-label-invalid": _("Not valid JSON: line %(line)s, column %(column)s."),
        }
        return super().get_context(name, value, {**labels, **(attrs or {})})


class DefinitionJSONField(forms.JSONField):
    """JSON of a definition: pretty-printed when shown, parsed strictly when submitted.

    An empty text is an empty document (``{}``): a new draft starts empty.
    """

    widget = JSONEditor

    def prepare_value(self, value: Any) -> Any:
        """Return ``value`` as indented JSON text (invalid input is shown as it was typed)."""
        if isinstance(value, InvalidJSONInput):
            return value
        return json.dumps(value, indent=2, ensure_ascii=False)

    def to_python(self, value: Any) -> Any:
        """Return the document in ``value``.

        Raises:
            ValidationError: not strict JSON; the message says where and why.
        """
        if self.disabled or not isinstance(value, str):
            return value
        if not value.strip():
            return {}
        doc, problems = parse_definition(value)
        if problems:
            raise ValidationError(
                [found.message(get_language() or "zh-hans") for found in problems],
                code="invalid",
            )
        return doc

    def bound_data(self, data: Any, initial: Any) -> Any:
        """Keep text that does not parse as typed, so the person can correct it."""
        if self.disabled or not isinstance(data, str):
            return initial if self.disabled else data
        doc, problems = parse_definition(data)
        return InvalidJSONInput(data) if problems else doc
