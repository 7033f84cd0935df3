"""The seam between Gongwen and django-viewflow: the only package importing viewflow's workflow.

Public surface: :mod:`~gongwen.runtime.engine.operations` (start, complete, jump, cancel, end),
:func:`~gongwen.runtime.engine.builder.build_flow_class`, and the PEP 562 module
:mod:`~gongwen.runtime.engine.flows`. See ``docs/runtime.md`` ("The seam").
"""

from gongwen.runtime.engine import refusals

refusals.register()  # viewflow's exceptions leave an action as GongwenError (refusals.py)
