"""Django admin for the runtime: processes, tasks and trace rows, read-only; and 委托.

The organisation's delegations are administered here (``delegations.py``) because they are
made and revoked through the runtime's actions.

Gongwen's processes and tasks are its own tables (``runtime.Process``/``runtime.Task``);
viewflow's admin lists its own, which stay empty, so it is taken off the admin site here.
This module loads after ``viewflow.workflow.admin`` (``INSTALLED_APPS`` order) and names
viewflow's models by label, since only ``gongwen.runtime.engine`` imports viewflow.
"""

from __future__ import annotations

from django.apps import apps
from django.contrib import admin

from gongwen.runtime.admin.delegations import DelegationAdmin
from gongwen.runtime.admin.processes import ProcessAdmin
from gongwen.runtime.admin.tasks import TaskAdmin
from gongwen.runtime.admin.trace import TraceEntryAdmin

#: viewflow's own process and task models, whose admin would list rows Gongwen never writes.
VIEWFLOW_MODELS = ("viewflow.Process", "viewflow.Task")

for _label in VIEWFLOW_MODELS:
    _model = apps.get_model(_label)
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)

__all__ = ["DelegationAdmin", "ProcessAdmin", "TaskAdmin", "TraceEntryAdmin"]
