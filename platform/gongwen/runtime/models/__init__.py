"""Runtime models: processes and tasks (from the engine), trace rows (opinions too), 待阅 items."""

from gongwen.runtime.engine.models import OPEN_STATUSES, Outcome, Process, Task
from gongwen.runtime.models.drafts import Draft
from gongwen.runtime.models.phrases import CommonPhrase
from gongwen.runtime.models.reading import ReadItem
from gongwen.runtime.models.trace import TraceEntry

__all__ = [
    "OPEN_STATUSES",
    "CommonPhrase",
    "Draft",
    "Outcome",
    "Process",
    "ReadItem",
    "Task",
    "TraceEntry",
]
