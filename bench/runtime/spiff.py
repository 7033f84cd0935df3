"""SpiffWorkflow 3.2 running ``approval_chain.bpmn``, its state kept as JSON in PostgreSQL.

Each step is what an application around SpiffWorkflow does per request: load the workflow's
serialized JSON under a row lock, complete the ready user task with the approver's data, run
the engine on, serialize the whole workflow and write it back, commit.

Steps are timed in 5-step flows, not one long chain: SpiffWorkflow's JSON holds every finished
task, so a long chain would charge it for history our engine keeps in rows.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import psycopg
from SpiffWorkflow.bpmn import BpmnWorkflow
from SpiffWorkflow.bpmn.parser import BpmnParser
from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer
from SpiffWorkflow.util.task import TaskState

from bench.runtime.stats import elapsed_ms

BPMN = Path(__file__).with_name("approval_chain.bpmn")
PROCESS_ID = "approval_chain"

DDL = (
    "CREATE SCHEMA spiff",
    """CREATE TABLE spiff.workflow (
        id bigserial PRIMARY KEY,
        completed boolean NOT NULL,
        serialization json NOT NULL,
        updated timestamptz NOT NULL DEFAULT now()
    )""",
)

INSERT = "INSERT INTO spiff.workflow (completed, serialization) VALUES (%s, %s) RETURNING id"
LOAD = "SELECT serialization::text FROM spiff.workflow WHERE id = %s FOR UPDATE"
SAVE = "UPDATE spiff.workflow SET completed = %s, serialization = %s, updated = now() WHERE id = %s"


def install(conn: psycopg.Connection) -> None:
    """Create the ``spiff`` schema and its table."""
    with conn.transaction():
        for statement in DDL:
            conn.execute(statement)


def load_spec() -> Any:
    """Parse ``approval_chain.bpmn`` once; return its process spec."""
    parser = BpmnParser()
    parser.add_bpmn_file(str(BPMN))
    return parser.get_spec(PROCESS_ID)


class Spiff:
    """SpiffWorkflow instances stored one row each in ``spiff.workflow``."""

    name = "spiff"

    def __init__(self, conn: psycopg.Connection, spec: Any) -> None:
        self.conn = conn
        self.spec = spec
        self.serializer = BpmnWorkflowSerializer()
        self.statements = 0
        self.current = 0  # the row whose flow the next step continues (0: start one)

    @classmethod
    def connect(cls, url: str) -> Spiff:
        """Connect to ``url``, create the ``spiff`` table, parse the BPMN; return the engine."""
        # Spiff logs every state change at INFO; the root logger (Django's settings) would
        # print them all, charging SpiffWorkflow for our console.
        logging.getLogger("spiff").setLevel(logging.WARNING)
        conn = psycopg.connect(url, autocommit=False)
        install(conn)
        return cls(conn, load_spec())

    def start(self) -> int:
        """Create a workflow, run it to its first user task, store it; return its row id."""
        workflow = BpmnWorkflow(self.spec)
        workflow.do_engine_steps()
        with self.conn.transaction():
            row = self._execute(INSERT, (False, self.serializer.serialize_json(workflow)))
            return row.fetchone()[0]

    def approve(self, workflow_id: int) -> bool:
        """Complete the ready user task of ``workflow_id``; return whether the flow ended."""
        with self.conn.transaction():
            stored = self._execute(LOAD, (workflow_id,)).fetchone()[0]
            workflow = self.serializer.deserialize_json(stored)
            task = workflow.get_next_task(state=TaskState.READY, manual=True)
            task.data.update(opinion="同意", approver="bench")
            task.run()
            workflow.do_engine_steps()
            completed = workflow.is_completed()
            self._execute(SAVE, (completed, self.serializer.serialize_json(workflow), workflow_id))
        return completed

    def approve_next(self) -> None:
        """Take the next step of the current flow (starting one first, untimed by callers)."""
        if self.approve(self.current):
            self.current = 0

    def warm_up(self, count: int) -> None:
        """Take ``count`` steps, untimed."""
        for _ in range(count):
            self._ensure_started()
            self.approve_next()

    def count_statements(self, count: int) -> list[int]:
        """Take ``count`` steps; return the statements each sent."""
        counts = []
        for _ in range(count):
            self._ensure_started()
            before = self.statements
            self.approve_next()
            counts.append(self.statements - before)
        return counts

    def time_approvals(self, count: int) -> list[float]:
        """Take ``count`` steps; return ms per step (starting a flow is not timed)."""
        samples = []
        for _ in range(count):
            self._ensure_started()
            samples.append(elapsed_ms(self.approve_next)[1])
        return samples

    def run_flow(self) -> None:
        """Run start → the five approvals → end."""
        workflow_id = self.start()
        while not self.approve(workflow_id):
            pass

    def _ensure_started(self) -> None:
        if not self.current:
            self.current = self.start()

    def _execute(self, query: str, params: tuple) -> psycopg.Cursor:
        self.statements += 1
        return self.conn.execute(query, params)
