"""Forms enforced: submitted form data checked against the form and the step's field rights.

Every submission — the start, a draft, a node's edits — goes through :func:`clean_submission`:
the data must be storable JSON (no NUL, bounded size and depth), match the form's compiled data
schema (types, lengths, options, no unknown field), respect the node's field rights (a hidden
field is never accepted, a read-only one only unchanged, required is enforced where required);
computed fields are computed on the server. A refusal is one :class:`InvalidSubmission`
listing every problem. Reads go through :func:`visible_data`. See ``README.md`` here and
docs/definitions.md ("Form data at runtime").

This layer sits beside ``gongwen.definitions`` and does not import it: a form is the compiled
``FormSpec`` the caller loaded, read by its attributes.
"""

from gongwen.forms.exceptions import InvalidSubmission
from gongwen.forms.problems import Problem
from gongwen.forms.rights import (
    Stage,
    field_rights,
    is_empty,
    opinion_fields,
    visible_data,
)
from gongwen.forms.storable import MAX_BYTES, MAX_DEPTH, is_storable_text
from gongwen.forms.submissions import changed_fields, clean_submission

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "InvalidSubmission",
    "Problem",
    "Stage",
    "changed_fields",
    "clean_submission",
    "field_rights",
    "is_empty",
    "is_storable_text",
    "opinion_fields",
    "visible_data",
]
