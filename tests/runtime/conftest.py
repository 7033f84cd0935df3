"""Runtime fixtures: the demo county and helpers to run flows."""

from __future__ import annotations

import pytest


@pytest.fixture
def people(demo) -> dict:
    """Return the demo users by username."""
    return demo["users"]


@pytest.fixture(autouse=True)
def _bare_step_registry(monkeypatch):
    """Run on a registry without the documents layer's 公文 step handlers (it sits above).

    ``DocumentsConfig.ready`` registers the real handlers; runtime tests check the runtime
    alone (pass-through steps, their own stand-ins). Flow classes built here keep the shape of
    the bare registry, so they must not outlive the test either.
    """
    from viewflow.workflow.fields import import_flow_by_ref, import_task_by_ref

    from gongwen.runtime.engine import flows
    from gongwen.runtime.steps import step_handlers

    monkeypatch.setattr(step_handlers, "_handlers", {})
    monkeypatch.setattr(step_handlers, "_by_person", set())
    monkeypatch.setattr(flows, "_classes", {})
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()
    yield
    import_flow_by_ref.cache_clear()
    import_task_by_ref.cache_clear()
