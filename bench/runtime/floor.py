"""The floor: one approval as the fewest writes it can be, in raw SQL through psycopg 3.

Lock the process row, close the task, open the next one (or finish the process), append an
audit row chained by hash, commit. Tables live in their own schema ``floor``, beside ours.
"""

from __future__ import annotations

import hashlib
import json

import psycopg
from psycopg.types.json import Jsonb

from bench.runtime.stats import elapsed_ms

OWNER = 1
FLOW_STEPS = 5

DDL = (
    "CREATE SCHEMA floor",
    """CREATE TABLE floor.process (
        id bigserial PRIMARY KEY,
        status text NOT NULL,
        title text NOT NULL DEFAULT '',
        created timestamptz NOT NULL DEFAULT now(),
        finished timestamptz
    )""",
    """CREATE TABLE floor.task (
        id bigserial PRIMARY KEY,
        process_id bigint NOT NULL REFERENCES floor.process,
        status text NOT NULL,
        owner_id integer NOT NULL,
        node text NOT NULL,
        created timestamptz NOT NULL DEFAULT now(),
        finished timestamptz
    )""",
    "CREATE INDEX ON floor.task (process_id)",
    "CREATE INDEX ON floor.task (owner_id, created DESC, id) WHERE status = 'OPEN'",
    """CREATE TABLE floor.audit (
        id bigserial PRIMARY KEY,
        process_id bigint NOT NULL REFERENCES floor.process,
        payload jsonb NOT NULL,
        prev_hash text NOT NULL,
        created timestamptz NOT NULL DEFAULT now()
    )""",
    "CREATE INDEX ON floor.audit (process_id)",
)

LOCK = "SELECT id, status FROM floor.process WHERE id = %s FOR UPDATE"
CLOSE = "UPDATE floor.task SET status = 'DONE', finished = now() WHERE id = %s AND status = 'OPEN'"
OPEN = (
    "INSERT INTO floor.task (process_id, status, owner_id, node) "
    "VALUES (%s, 'OPEN', %s, %s) RETURNING id"
)
FINISH = "UPDATE floor.process SET status = 'DONE', finished = now() WHERE id = %s"
AUDIT = "INSERT INTO floor.audit (process_id, payload, prev_hash) VALUES (%s, %s, %s)"
START = "INSERT INTO floor.process (status, title) VALUES ('NEW', %s) RETURNING id"


def install(conn: psycopg.Connection) -> None:
    """Create the ``floor`` schema and its tables."""
    with conn.transaction():
        for statement in DDL:
            conn.execute(statement)


class Floor:
    """Raw-SQL approvals on one connection; counts the statements each one sends.

    Approvals measured one by one walk a single long chain; flows are separate processes.
    """

    name = "floor"

    def __init__(self, conn: psycopg.Connection) -> None:
        self.conn = conn
        self.prev_hash = "0" * 64
        self.statements = 0
        self.chain: tuple[int, int] | None = None  # (process id, open task id)
        self.step = 0

    @classmethod
    def connect(cls, url: str) -> Floor:
        """Connect to ``url``, create the ``floor`` tables and return the engine."""
        conn = psycopg.connect(url, autocommit=False)
        install(conn)
        return cls(conn)

    def start(self) -> tuple[int, int]:
        """Create a process and its first task; return their ids."""
        with self.conn.transaction():
            process_id = self._execute(START, ("bench",)).fetchone()[0]
            task_id = self._execute(OPEN, (process_id, OWNER, "s0")).fetchone()[0]
            self._audit(process_id, {"action": "gongwen.process.start", "task": task_id})
        return process_id, task_id

    def approve(self, process_id: int, task_id: int, step: int, *, last: bool = False) -> int:
        """Approve ``task_id``; return the next task's id (0 when ``last`` finished the flow)."""
        with self.conn.transaction():
            self._execute(LOCK, (process_id,))
            self._execute(CLOSE, (task_id,))
            if last:
                self._execute(FINISH, (process_id,))
                next_id = 0
            else:
                next_id = self._execute(OPEN, (process_id, OWNER, f"s{step + 1}")).fetchone()[0]
            payload = {"action": "gongwen.task.approve", "task": task_id, "opinion": "同意"}
            self._audit(process_id, payload)
        return next_id

    def approve_chain(self) -> None:
        """Approve the open task of the long chain (started on first use)."""
        if self.chain is None:
            self.chain = self.start()
        process_id, task_id = self.chain
        self.chain = (process_id, self.approve(process_id, task_id, self.step))
        self.step += 1

    def warm_up(self, count: int) -> None:
        """Approve ``count`` times along the chain, untimed."""
        for _ in range(count):
            self.approve_chain()

    def count_statements(self, count: int) -> list[int]:
        """Approve ``count`` times along the chain; return statements per approval."""
        counts = []
        for _ in range(count):
            before = self.statements
            self.approve_chain()
            counts.append(self.statements - before)
        return counts

    def time_approvals(self, count: int) -> list[float]:
        """Approve ``count`` times along the chain; return ms per approval."""
        return [elapsed_ms(self.approve_chain)[1] for _ in range(count)]

    def run_flow(self) -> None:
        """Run start → ``FLOW_STEPS`` approvals → end."""
        process_id, task_id = self.start()
        for step in range(FLOW_STEPS):
            task_id = self.approve(process_id, task_id, step, last=step == FLOW_STEPS - 1)

    def _audit(self, process_id: int, payload: dict) -> None:
        self._execute(AUDIT, (process_id, Jsonb(payload), self.prev_hash))
        facts = json.dumps([self.prev_hash, payload], sort_keys=True, ensure_ascii=False)
        self.prev_hash = hashlib.sha256(facts.encode("utf-8")).hexdigest()

    def _execute(self, query: str, params: tuple) -> psycopg.Cursor:
        self.statements += 1
        return self.conn.execute(query, params)
