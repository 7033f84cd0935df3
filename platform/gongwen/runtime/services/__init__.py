"""Service nodes: plugin hooks a flow calls by name, run by the background worker.

Register a hook with ``service_handlers.register("crm.notify", fn)``; a ``service`` node names
it in its params (``{"service": "crm.notify", "max_attempts": 3, "backoff_seconds": 60}``).
See :mod:`gongwen.runtime.services.running` for retries and the error state.
"""

from gongwen.runtime.services.registry import ServiceCall, ServiceHandler, service_handlers

__all__ = ["ServiceCall", "ServiceHandler", "service_handlers"]
