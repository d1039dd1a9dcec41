"""Telling a begeleider that a client wants contact. Transports plug in behind one interface.

`WebNotifier` puts the message in the begeleider's inbox, shown at /meldingen on the
chat server with their personal link; it is written in the same transaction as the
contact request, so a request never exists without its notification. A begeleider
with a Slack user id also gets it as a direct message from the assistant's Slack app
(`SlackTransport`, after the commit; when Slack cannot be reached the inbox still has
it). Teams needs a stored conversation reference per begeleider for a proactive
message: not built yet.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

import aiohttp
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


@dataclass(frozen=True)
class Handoff:
    """A stored contact request: whom the client was told about, and what to send outside the database."""

    begeleider_name: str
    text: str
    slack_user_id: str | None


SLACK_API = "https://slack.com/api"


class SlackTransport:
    """A direct message from the assistant's Slack app: chat.postMessage with the user id as channel."""

    transport = "slack"

    def __init__(self, token: str, api_url: str = SLACK_API, timeout: float = 5.0) -> None:
        self._token = token
        self._url = api_url.rstrip("/") + "/chat.postMessage"
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> SlackTransport | None:
        """The Slack channel's bot token (SLACK_TOKEN); SLACK_API_URL only for tests."""
        token = env.get("SLACK_TOKEN")
        return cls(token, env.get("SLACK_API_URL") or SLACK_API) if token else None

    async def deliver(self, user_id: str, text: str) -> bool:
        headers = {"Authorization": f"Bearer {self._token}"}
        message = {"channel": user_id, "text": text}
        async with (
            aiohttp.ClientSession(timeout=self._timeout) as session,
            session.post(self._url, json=message, headers=headers) as response,
        ):
            body = await response.json(content_type=None)
            return response.status == 200 and bool(body.get("ok"))
