"""The embedded mode's e-mail backend: one log line per message instead of an SMTP server.

``make run`` has no mail server to talk to; Django's console backend would print every
message whole. This one logs ``mail to <addresses>: <subject>`` on the ``gongwen.mail`` logger,
so a notification shows up as one line in the terminal beside the server's log. Set
``GONGWEN_EMAIL_HOST`` to send real mail over SMTP (docs/admin/configuration.md).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

log = logging.getLogger("gongwen.mail")


class LogLineBackend(BaseEmailBackend):
    """Log one line per message; never fails, never sends."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        """Log each message's recipients and subject; return how many were "sent"."""
        for message in email_messages:
            log.info("mail to %s: %s", ", ".join(message.recipients()), message.subject)
        return len(email_messages)
