"""The automatic format check of a 公文: rules as data, every problem listed.

Start with :func:`check`; rule types live in ``types/``, shipped rules in
``default_rules.json``, department rules in :class:`~.models.FormatRule`.
"""

from gongwen.documents.formatcheck.checker import check, has_errors
from gongwen.documents.formatcheck.problems import FormatProblem, Severity

__all__ = ["FormatProblem", "Severity", "check", "has_errors"]
