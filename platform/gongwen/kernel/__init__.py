"""The action kernel: what every change of domain state goes through (docs/architecture.md).

- :mod:`gongwen.errors` — the one error type.
- :mod:`gongwen.kernel.transactions` — :func:`atomically`: one transaction, run again when the
  database picked it as a deadlock victim, library exceptions turned into the one error type.
- :mod:`gongwen.kernel.actions` — :class:`Action` (``check()`` read-only, ``execute()`` in one
  transaction) and the registry of every action by its stable dotted code.
"""
