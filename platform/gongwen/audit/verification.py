"""Walk the chain and find the first broken link (what ``manage.py verify_audit`` runs).

How it proves the trail: events are read in ``seq`` order; each must carry the next number
(no gap: none removed), the previous event's hash as its ``prev_hash`` (none reordered or
inserted), and a hash recomputed here from its stored facts (none changed). An event written by
the database's linking insert (format ``gongwen-audit-2``) is recomputed as
``sha256("gongwen-audit-2|seq|prev_hash|" + sha256(facts))``; an older one as
``gongwen-audit-1``; either must match. The head row must equal the last event (none removed at
the end), and anchors kept outside the database must still match.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from gongwen.audit.chain import DIGEST_FACTS, GENESIS_HASH, event_hash, linked_event_hash
from gongwen.audit.models import AuditChainHead, AuditEvent

FIELDS = ("seq", *DIGEST_FACTS, "prev_hash", "hash")
DEFAULT_BATCH_SIZE = 1000


class BreakKind(StrEnum):
    """How a link is broken."""

    GAP = "gap"  # a seq is missing: an event was removed
    PREV_HASH = "prev_hash"  # the link to the previous event does not match its stored hash
    CONTENT = "content"  # the event's facts no longer give its stored hash
    HEAD = "head"  # the head row disagrees with the last event: the tail was removed
    ANCHOR = "anchor"  # an externally kept (seq, hash) pair does not match


@dataclass(frozen=True)
class Break:
    """The first broken link: where, how, and the expected and stored values."""

    seq: int
    kind: BreakKind
    expected: str
    stored: str

    def describe(self) -> str:
        """Return one line for an operator."""
        what = {
            BreakKind.GAP: "seq missing (the next stored event has seq {stored})",
            BreakKind.PREV_HASH: "prev_hash does not match the previous event's hash",
            BreakKind.CONTENT: "content changed: recomputed hash differs from the stored hash",
            BreakKind.HEAD: "chain head does not match the last event (events removed at the end?)",
            BreakKind.ANCHOR: "hash differs from the anchor kept outside the database",
        }[self.kind].format(stored=self.stored)
        return f"seq {self.seq}: {what}; expected {self.expected}, stored {self.stored}"


@dataclass(frozen=True)
class ChainReport:
    """The result of one walk: how many events checked, the tip, the first break if any."""

    checked: int
    last_seq: int
    last_hash: str
    broken: Break | None

    @property
    def intact(self) -> bool:
        """Return whether every link held."""
        return self.broken is None


def verify_chain(
    *,
    using: str = "default",
    batch_size: int = DEFAULT_BATCH_SIZE,
    anchors: Mapping[int, str] | None = None,
) -> ChainReport:
    """Recompute every hash in seq order, in batches, and stop at the first broken link.

    Args:
        using: the database alias.
        batch_size: events read per query (memory stays bounded by it).
        anchors: ``{seq: hash}`` pairs recorded elsewhere earlier; each must still match.
    """
    anchors = dict(anchors or {})
    expected_seq, prev, checked = 1, GENESIS_HASH, 0
    for row in _rows(using, batch_size):
        broken = _check_row(row, expected_seq, prev, anchors)
        if broken:
            return ChainReport(checked, expected_seq - 1, prev, broken)
        expected_seq, prev, checked = row["seq"] + 1, row["hash"], checked + 1
    last_seq = expected_seq - 1
    broken = _check_head(using, last_seq, prev) or _check_unreached(anchors, last_seq)
    return ChainReport(checked, last_seq, prev, broken)


def _rows(using: str, batch_size: int) -> Iterator[dict[str, Any]]:
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    events = AuditEvent.objects.using(using).order_by("seq").values(*FIELDS)
    after = 0
    while batch := list(events.filter(seq__gt=after)[:batch_size]):
        yield from batch
        after = batch[-1]["seq"]


def _check_row(
    row: dict[str, Any], expected_seq: int, prev: str, anchors: dict[int, str]
) -> Break | None:
    if row["seq"] != expected_seq:
        return Break(expected_seq, BreakKind.GAP, str(expected_seq), str(row["seq"]))
    if row["prev_hash"] != prev:
        return Break(row["seq"], BreakKind.PREV_HASH, prev, row["prev_hash"])
    facts = {k: v for k, v in row.items() if k != "hash"}
    recomputed = linked_event_hash(**facts)
    if recomputed != row["hash"] and event_hash(**facts) != row["hash"]:
        return Break(row["seq"], BreakKind.CONTENT, recomputed, row["hash"])
    anchored = anchors.get(row["seq"])
    if anchored is not None and anchored != row["hash"]:
        return Break(row["seq"], BreakKind.ANCHOR, anchored, row["hash"])
    return None


def _check_head(using: str, last_seq: int, last_hash: str) -> Break | None:
    head = AuditChainHead.objects.using(using).filter(pk=AuditChainHead.SINGLETON).first()
    if head is None or (head.seq, head.hash) == (last_seq, last_hash):
        return None
    return Break(head.seq, BreakKind.HEAD, f"#{head.seq} {head.hash}", f"#{last_seq} {last_hash}")


def _check_unreached(anchors: dict[int, str], last_seq: int) -> Break | None:
    beyond = sorted(seq for seq in anchors if seq > last_seq or seq < 1)
    if not beyond:
        return None
    return Break(beyond[0], BreakKind.ANCHOR, anchors[beyond[0]], "(no such event)")
