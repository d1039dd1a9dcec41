"""Telling a begeleider that a client wants contact. Transports plug in behind one interface.

`WebNotifier` (the first transport) puts the message in the begeleider's inbox,
shown at /meldingen on the chat server with their personal link. Teams and
Slack transports can implement the same `Notifier` protocol later.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from uitstroom.casestore.models import Begeleider, Notification


class Notifier(Protocol):
    transport: str

    def notify(
        self, session: Session, begeleider: Begeleider, text: str, contact_request_id: int | None
    ) -> None: ...


class WebNotifier:
    transport = "web"

    def notify(
        self, session: Session, begeleider: Begeleider, text: str, contact_request_id: int | None
    ) -> None:
        session.add(
            Notification(
                begeleider_id=begeleider.id,
                contact_request_id=contact_request_id,
                text=text,
                transport=self.transport,
            )
        )
