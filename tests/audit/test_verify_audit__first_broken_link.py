"""manage.py verify_audit: exit 0 with the count when intact, else the exact first broken link."""

from __future__ import annotations

import pytest
from django.core.management import call_command, execute_from_command_line
from django.core.management.base import CommandError
from django.db import connection

from gongwen.audit.chain import GENESIS_HASH, event_hash
from gongwen.audit.models import AuditEvent
from gongwen.audit.recording import record
from gongwen.audit.verification import FIELDS, BreakKind, verify_chain

pytestmark = pytest.mark.django_db
EVENTS = 12


@pytest.fixture
def chain(alice, bob) -> list[AuditEvent]:
    return [
        record(
            "gongwen.task.approve",
            actor=alice if n % 2 else bob,
            target=("runtime.task", n),
            payload={"opinion": f"意见{n}"},
        )
        for n in range(EVENTS)
    ]


def _verify(*args: str) -> str:
    out = []

    class Sink:
        def write(self, text: str) -> None:
            out.append(text)

        def flush(self) -> None:
            pass

    call_command("verify_audit", *args, stdout=Sink())
    return "".join(out)


def _broken(*args: str) -> CommandError:
    with pytest.raises(CommandError) as caught:
        _verify(*args)
    assert caught.value.returncode == 1
    return caught.value


def test_an_intact_chain_reports_the_count_and_the_head(chain) -> None:
    assert _verify() == f"audit chain intact: {EVENTS} events; head {EVENTS}:{chain[-1].hash}\n"


def test_an_empty_chain_is_intact() -> None:
    assert "intact: 0 events" in _verify()


@pytest.mark.parametrize("batch_size", ["1", "5", "12", "1000"])
def test_batch_size_changes_nothing_but_the_number_of_queries(chain, tamper, batch_size) -> None:
    tamper("UPDATE audit_auditevent SET action = 'gongwen.task.reject' WHERE seq = 7")
    assert "seq 7: content changed" in str(_broken("--batch-size", batch_size))


def test_reads_in_bounded_batches(chain, django_assert_num_queries) -> None:
    # ceil(12 / 5) batches + one empty read to end + the head.
    with django_assert_num_queries(4 + 1):
        assert verify_chain(batch_size=5).checked == EVENTS


def test_edited_content_is_reported_at_its_seq(chain, tamper) -> None:
    tamper("UPDATE audit_auditevent SET payload = %s WHERE seq = 5", ['{"opinion": "不同意"}'])
    error = _broken()
    assert "after 4 intact events: seq 5: content changed" in str(error)
    assert f"stored {chain[4].hash}" in str(error)
    report = verify_chain()
    assert (report.broken.seq, report.broken.kind) == (5, BreakKind.CONTENT)


def test_an_edited_actor_is_reported(chain, tamper, alice, bob) -> None:
    tamper("UPDATE audit_auditevent SET actor_id = %s WHERE seq = 2", [bob.pk])
    assert (verify_chain().broken.seq, verify_chain().broken.kind) == (2, BreakKind.CONTENT)


def test_a_rewritten_event_with_a_recomputed_hash_breaks_the_next_link(chain, tamper) -> None:
    original = AuditEvent.objects.values(*FIELDS).get(seq=3)
    forged_facts = {k: v for k, v in original.items() if k != "hash"}
    forged_facts["payload"] = {"opinion": "不同意"}
    forged = event_hash(**forged_facts)
    tamper(
        "UPDATE audit_auditevent SET payload = %s, hash = %s WHERE seq = 3",
        ['{"opinion": "不同意"}', forged],
    )
    report = verify_chain()
    assert (report.broken.seq, report.broken.kind) == (4, BreakKind.PREV_HASH)
    assert (report.broken.expected, report.broken.stored) == (forged, chain[2].hash)


def test_an_edited_stored_hash_is_reported_at_its_seq(chain, tamper) -> None:
    tamper("UPDATE audit_auditevent SET hash = %s WHERE seq = 3", ["e" * 64])
    report = verify_chain()
    assert (report.broken.seq, report.broken.kind) == (3, BreakKind.CONTENT)


def test_a_relinked_event_is_reported_as_a_prev_hash_break(chain, tamper) -> None:
    tamper("UPDATE audit_auditevent SET prev_hash = %s WHERE seq = 9", [GENESIS_HASH])
    error = _broken()
    assert "seq 9: prev_hash does not match" in str(error)
    assert f"expected {chain[7].hash}, stored {GENESIS_HASH}" in str(error)


def test_a_removed_event_is_reported_as_a_gap(chain, tamper) -> None:
    tamper("DELETE FROM audit_auditevent WHERE seq = 6")
    error = _broken()
    assert "seq 6: seq missing (the next stored event has seq 7)" in str(error)


def test_a_removed_first_event_is_reported(chain, tamper) -> None:
    tamper("DELETE FROM audit_auditevent WHERE seq = 1")
    assert verify_chain().broken.seq == 1


def test_a_removed_tail_is_caught_by_the_head(chain, tamper) -> None:
    tamper("DELETE FROM audit_auditevent WHERE seq > 10")
    error = _broken()
    assert f"seq {EVENTS}: chain head does not match the last event" in str(error)


def test_an_anchor_kept_elsewhere_catches_a_rewritten_history(chain, tamper) -> None:
    assert "intact" in _verify("--anchor", f"4:{chain[3].hash}")
    tamper("UPDATE audit_auditevent SET hash = %s WHERE seq = 4", ["f" * 64])
    assert verify_chain(anchors={4: chain[3].hash}).broken.kind == BreakKind.CONTENT


def test_a_wrong_or_unreachable_anchor_is_a_break(chain) -> None:
    assert "seq 3: hash differs from the anchor" in str(_broken("--anchor", f"3:{'a' * 64}"))
    assert "seq 99" in str(_broken("--anchor", f"99:{chain[0].hash}"))


@pytest.mark.parametrize("anchor", ["3", "x:abc", "0:" + "a" * 64, "3:" + "g" * 64])
def test_a_malformed_anchor_is_a_usage_error(chain, anchor) -> None:
    with pytest.raises(CommandError, match="SEQ:SHA256HEX"):
        _verify("--anchor", anchor)


def test_missing_triggers_fail_the_check(chain, tamper) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # else ALTER waits on pending checks
            cursor.execute("ALTER TABLE audit_auditevent DISABLE TRIGGER audit_event_no_change")
            name = "audit_event_no_change"
        else:
            cursor.execute("DROP TRIGGER audit_event_no_delete")
            name = "audit_event_no_delete"
    assert f"triggers are missing: {name}" in str(_broken())


def test_the_command_line_exits_1_on_a_break(chain, tamper, capsys) -> None:
    tamper("UPDATE audit_auditevent SET target_id = '999' WHERE seq = 11")
    with pytest.raises(SystemExit) as exited:
        execute_from_command_line(["manage.py", "verify_audit"])
    assert exited.value.code == 1
    assert "seq 11: content changed" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("at", "2020-01-01 00:00:00+00:00"),
        ("actor_id", None),
        ("on_behalf_of_id", "ALICE"),
        ("action", "gongwen.task.reject"),
        ("target_type", "documents.document"),
        ("target_id", "1"),
        ("payload", '{"opinion": "意见3", "extra": 1}'),
        ("remote_addr", "10.0.0.1"),
        ("user_agent", "curl/8"),
    ],
)
def test_every_recorded_fact_is_covered_by_the_hash(chain, tamper, alice, column, value) -> None:
    value = alice.pk if value == "ALICE" else value
    tamper(f"UPDATE audit_auditevent SET {column} = %s WHERE seq = 4", [value])  # noqa: S608 - fixed column names
    report = verify_chain()
    assert (report.broken.seq, report.broken.kind) == (4, BreakKind.CONTENT)
