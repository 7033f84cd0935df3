"""Generated flow classes, importable by name (PEP 562): ``flows.Def_<key>_v<version>``.

viewflow stores a process's flow as ``runtime/engine.flows.Def_notice_v3`` and resolves it with
``import_string``; this module's ``__getattr__`` builds the class from the published version
on first use. So processes resume in a fresh interpreter, and a version published a second ago
runs with no restart. One class object per reference (viewflow compares nodes by identity):
building happens under a lock and the result is kept for the life of the interpreter —
published versions are immutable, so the class never goes stale.
"""

from __future__ import annotations

import threading
from typing import Any

from gongwen.definitions.specs import FlowSpec
from gongwen.runtime.engine.builder import build_flow_class
from gongwen.runtime.engine.naming import flow_class_name, parse_flow_class_name
from gongwen.runtime.exceptions import DefinitionNotFound

_lock = threading.RLock()
_classes: dict[str, type] = {}


def _load_spec(key: str, version: int) -> FlowSpec:
    """Return the published spec of ``key`` at ``version`` (the definitions layer's loader)."""
    from gongwen.definitions.models import DefinitionVersion
    from gongwen.definitions.versions import load_spec

    try:
        return load_spec(key, version)
    except DefinitionVersion.DoesNotExist:
        raise DefinitionNotFound(key=key, version=version) from None


def flow_class_for(spec: FlowSpec) -> type:
    """Return the one flow class for ``spec``'s key and version, building it if needed."""
    name = flow_class_name(spec.key, spec.version)
    with _lock:
        if name not in _classes:
            _classes[name] = build_flow_class(spec)
        return _classes[name]


def __getattr__(name: str) -> Any:
    """Build ``Def_<key>_v<version>`` from its published definition (PEP 562)."""
    parsed = parse_flow_class_name(name)
    if parsed is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    with _lock:
        if name not in _classes:
            _classes[name] = build_flow_class(_load_spec(*parsed))
        return _classes[name]
