"""Actions (contract 6): one module each, ``check()`` then ``execute()``.

Every action runs in one transaction with the process row locked, checks permission (only the
assignee or their delegate), keeps the opinion with every revision, writes a trace row and an
audit event in the same transaction, and sends :data:`gongwen.runtime.signals.process_changed`
after commit.
"""

from gongwen.runtime.actions.add_signer import AddSigner
from gongwen.runtime.actions.approve import Approve
from gongwen.runtime.actions.base import ActionResult
from gongwen.runtime.actions.claim import Claim, Unclaim
from gongwen.runtime.actions.delegate import Delegate
from gongwen.runtime.actions.delegation import CreateDelegation, RevokeDelegation
from gongwen.runtime.actions.jump import Jump
from gongwen.runtime.actions.mark_read import MarkRead
from gongwen.runtime.actions.phrases import AddPhrase, RemovePhrase, ReorderPhrases
from gongwen.runtime.actions.reassign import Reassign
from gongwen.runtime.actions.reject import Reject
from gongwen.runtime.actions.retry import RetryService
from gongwen.runtime.actions.return_to import ReturnTo
from gongwen.runtime.actions.save_draft import SaveDraft, StartDraft
from gongwen.runtime.actions.save_opinion import SaveOpinion
from gongwen.runtime.actions.start import StartProcess
from gongwen.runtime.actions.terminate import Terminate
from gongwen.runtime.actions.transfer import Transfer
from gongwen.runtime.actions.urge import Urge
from gongwen.runtime.actions.withdraw import Withdraw

__all__ = [
    "ActionResult",
    "AddPhrase",
    "AddSigner",
    "Approve",
    "Claim",
    "CreateDelegation",
    "Delegate",
    "Jump",
    "MarkRead",
    "Reassign",
    "Reject",
    "RemovePhrase",
    "ReorderPhrases",
    "RetryService",
    "ReturnTo",
    "RevokeDelegation",
    "SaveDraft",
    "SaveOpinion",
    "StartDraft",
    "StartProcess",
    "Terminate",
    "Transfer",
    "Unclaim",
    "Urge",
    "Withdraw",
]
