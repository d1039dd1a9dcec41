"""Telling a begeleider that a client wants contact. Transports plug in behind one interface.

`WebNotifier` puts the message in the begeleider's inbox, shown at /meldingen on the
chat server with their personal link; it is written in the same transaction as the
contact request, so a request never exists without its notification. After the commit
the message also goes out, to a begeleider with a Slack user id as a direct message from
the assistant's Slack app (`SlackTransport`), and to one with a Teams user id as a 1:1
chat from the assistant's Teams bot (`TeamsTransport`, a proactive Bot Framework message).
When Slack or Teams cannot be reached the inbox still has it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import quote

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
    teams_user_id: str | None


class Transport(Protocol):
    """A way to reach a begeleider outside the database, by their user id on that platform."""

    transport: str

    async def deliver(self, user_id: str, text: str) -> bool: ...


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


BOTFRAMEWORK_TOKEN_URL = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"
BOTFRAMEWORK_SCOPE = "https://api.botframework.com/.default"
TEAMS_VARIABLES = ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_SERVICE_URL", "TEAMS_TENANT_ID")
TOKEN_MARGIN = 300.0  # seconds: renew before Microsoft's expiry, not on a refused message


@dataclass(frozen=True)
class TeamsConfig:
    """The bot's registration and the tenant's Teams service; hashable, so one transport serves it."""

    app_id: str
    app_password: str = field(repr=False)
    service_url: str  # the region's Teams service, e.g. https://smba.trafficmanager.net/emea/
    tenant_id: str
    token_url: str = BOTFRAMEWORK_TOKEN_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> TeamsConfig | None:
        """TEAMS_APP_ID/PASSWORD (as for the botframework channel), TEAMS_SERVICE_URL and TEAMS_TENANT_ID;
        TEAMS_TOKEN_URL only for tests."""
        values = [env.get(v) for v in TEAMS_VARIABLES]
        if not all(values):
            return None
        token_url = env.get("TEAMS_TOKEN_URL") or BOTFRAMEWORK_TOKEN_URL
        app_id, password, service_url, tenant_id = values
        return cls(app_id, password, service_url, tenant_id, token_url)


class TeamsTransport:
    """A proactive 1:1 message from the assistant's Teams bot through the Bot Framework REST API.

    The botframework channel only answers; to start a chat the bot creates (or gets back) the
    1:1 conversation with the user and posts into it. The user id is the one the channel reports
    as sender id, so the bot must already be installed for the begeleider.
    """

    transport = "teams"

    def __init__(self, config: TeamsConfig, timeout: float = 5.0) -> None:
        self._config = config
        self._service = config.service_url.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._token: str | None = None
        self._token_until = 0.0  # time.monotonic() after which the token is renewed

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> TeamsTransport | None:
        config = TeamsConfig.from_env(env)
        return cls(config) if config else None

    async def deliver(self, user_id: str, text: str) -> bool:
        async with aiohttp.ClientSession(timeout=self._timeout) as session:
            token = await self._access_token(session)
            if token is None:
                return False
            headers = {"Authorization": f"Bearer {token}"}
            tenant = self._config.tenant_id
            conversation = {
                "bot": {"id": f"28:{self._config.app_id}"},
                "members": [{"id": user_id}],
                "channelData": {"tenant": {"id": tenant}},
                "isGroup": False,
                "tenantId": tenant,
            }
            url = f"{self._service}/v3/conversations"
            async with session.post(url, json=conversation, headers=headers) as response:
                if not self._succeeded(response):
                    return False
                conversation_id = (await response.json(content_type=None)).get("id")
            if not conversation_id:
                return False
            url = f"{self._service}/v3/conversations/{quote(conversation_id, safe='')}/activities"
            async with session.post(url, json={"type": "message", "text": text}, headers=headers) as response:
                return self._succeeded(response)

    async def _access_token(self, session: aiohttp.ClientSession) -> str | None:
        """The client-credentials token, kept until shortly before it expires; None when refused."""
        if self._token and time.monotonic() < self._token_until:
            return self._token
        form = {
            "grant_type": "client_credentials",
            "client_id": self._config.app_id,
            "client_secret": self._config.app_password,
            "scope": BOTFRAMEWORK_SCOPE,
        }
        async with session.post(self._config.token_url, data=form) as response:
            if not 200 <= response.status < 300:
                return None
            body = await response.json(content_type=None)
        token = body.get("access_token")
        if not token:
            return None
        self._token = token
        self._token_until = time.monotonic() + max(0.0, float(body.get("expires_in", 0)) - TOKEN_MARGIN)
        return token

    def _succeeded(self, response: aiohttp.ClientResponse) -> bool:
        if response.status == 401:  # token revoked or rotated: fetch a new one next time
            self._token = None
        return 200 <= response.status < 300
