"""bench/runtime: one approve action and full flows per second, against a floor and a rival.

Three engines run the same approval chain on the same PostgreSQL database, in one run:

* ``ours`` (:mod:`bench.runtime.ours`): Gongwen's ``StartProcess`` and ``Approve`` actions;
* ``floor`` (:mod:`bench.runtime.floor`): the same writes in raw SQL through psycopg, the
  least an approval can cost (lock process, update task, insert next task, insert audit, commit);
* ``spiff`` (:mod:`bench.runtime.spiff`): SpiffWorkflow running ``approval_chain.bpmn``, its
  serialized JSON loaded under lock and saved back after each step.

:mod:`bench.runtime.report` prints the table and the ratios and names every missed target.
Run ``.venv/bin/python -m bench.runtime --help`` from the repository root.
"""
