"""A client's contact request reaches a begeleider in Teams as a 1:1 chat from the bot, and is never lost."""

from __future__ import annotations

import logging

import pytest
from aiohttp import web

import actions.handoff
from uitstroom.casestore.notify import TeamsConfig, TeamsTransport
from uitstroom.stack import free_port

APP_ID, PASSWORD, TENANT = "app-0001", "geheim-wachtwoord", "tenant-0001"


class FakeBotFramework:
    """Microsoft's token endpoint and a region's Teams service on loopback, recording what they get."""

    def __init__(self) -> None:
        self.url = ""  # set once it listens
        self.token_requests: list[dict] = []
        self.conversations: list[dict] = []
        self.activities: list[dict] = []
        self.refuse_token = False
        self.expires_in = 3599
        self._issued: set[str] = set()
        self._chats: dict[str, str] = {}  # conversation id -> the user it is with

    def env(self, service_url: str | None = None) -> dict[str, str]:
        """The four TEAMS_* variables pointing at this fake, and its token endpoint."""
        return {
            "TEAMS_APP_ID": APP_ID,
            "TEAMS_APP_PASSWORD": PASSWORD,
            "TEAMS_SERVICE_URL": service_url or f"{self.url}/emea/",
            "TEAMS_TENANT_ID": TENANT,
            "TEAMS_TOKEN_URL": f"{self.url}/token",
        }

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/token", self.token)
        app.router.add_post("/emea/v3/conversations", self.create_conversation)
        app.router.add_post("/emea/v3/conversations/{id}/activities", self.send_activity)
        return app

    async def token(self, request: web.Request) -> web.Response:
        self.token_requests.append(dict(await request.post()))
        if self.refuse_token:
            return web.json_response({"error": "invalid_client"}, status=401)
        token = f"token-{len(self.token_requests)}"
        self._issued.add(token)
        body = {"token_type": "Bearer", "expires_in": self.expires_in, "access_token": token}
        return web.json_response(body)

    def _authorised(self, request: web.Request) -> bool:
        return request.headers.get("Authorization", "").removeprefix("Bearer ") in self._issued

    async def create_conversation(self, request: web.Request) -> web.Response:
        if not self._authorised(request):
            return web.json_response({"error": {"code": "Unauthorized"}}, status=401)
        body = await request.json()
        self.conversations.append(body)
        conversation_id = f"a:chat-{len(self.conversations)}"
        self._chats[conversation_id] = body["members"][0]["id"]
        return web.json_response({"id": conversation_id}, status=201)

    async def send_activity(self, request: web.Request) -> web.Response:
        conversation_id = request.match_info["id"]
        if not self._authorised(request) or conversation_id not in self._chats:
            return web.json_response({"error": {"code": "Forbidden"}}, status=403)
        self.activities.append({"to": self._chats[conversation_id], **await request.json()})
        return web.json_response({"id": "activity-1"}, status=201)


@pytest.fixture
async def botframework():
    fake = FakeBotFramework()
    runner = web.AppRunner(fake.app())
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    fake.url = f"http://127.0.0.1:{port}"
    yield fake
    await runner.cleanup()


@pytest.fixture(autouse=True)
def fresh_teams_transport():
    """The action server keeps one transport (and its token) per configuration: none across tests."""
    actions.handoff._shared_teams.cache_clear()
    yield
    actions.handoff._shared_teams.cache_clear()


def configure(monkeypatch, env: dict[str, str]) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)


async def test_transport_opens_a_chat_and_sends_the_text(botframework) -> None:
    config = TeamsConfig(APP_ID, PASSWORD, f"{botframework.url}/emea/", TENANT, f"{botframework.url}/token")
    teams = TeamsTransport(config)
    assert await teams.deliver("29:latifa", "Joost wil contact met je.")
    assert botframework.token_requests == [
        {
            "grant_type": "client_credentials",
            "client_id": APP_ID,
            "client_secret": PASSWORD,
            "scope": "https://api.botframework.com/.default",
        }
    ]
    assert botframework.conversations == [
        {
            "bot": {"id": f"28:{APP_ID}"},
            "members": [{"id": "29:latifa"}],
            "channelData": {"tenant": {"id": TENANT}},
            "isGroup": False,
            "tenantId": TENANT,
        }
    ]
    sent = {"to": "29:latifa", "type": "message", "text": "Joost wil contact met je."}
    assert botframework.activities == [sent]


async def test_expired_token_is_renewed(botframework) -> None:
    botframework.expires_in = 60  # within the renewal margin: every message fetches a new token
    teams = TeamsTransport.from_env(botframework.env(f"{botframework.url}/emea"))  # no trailing slash
    assert await teams.deliver("29:latifa", "een")
    assert await teams.deliver("29:latifa", "twee")
    assert len(botframework.token_requests) == 2
    assert [a["text"] for a in botframework.activities] == ["een", "twee"]


def test_no_teams_unless_all_four_variables_are_set() -> None:
    env = {"TEAMS_APP_ID": APP_ID, "TEAMS_APP_PASSWORD": PASSWORD, "TEAMS_TENANT_ID": TENANT,
           "TEAMS_SERVICE_URL": "https://smba.trafficmanager.net/emea/"}  # fmt: skip
    assert TeamsTransport.from_env(env) is not None  # the token endpoint defaults to Microsoft's
    for name in ("TEAMS_APP_ID", "TEAMS_APP_PASSWORD", "TEAMS_SERVICE_URL", "TEAMS_TENANT_ID"):
        assert TeamsTransport.from_env({k: v for k, v in env.items() if k != name}) is None
    assert TeamsTransport.from_env({}) is None


async def test_begeleider_in_teams_gets_client_and_question(
    case_store, handoff, botframework, monkeypatch
) -> None:
    configure(monkeypatch, botframework.env())
    first, second = await handoff(), await handoff()
    assert "Latifa El Amrani" in first[0]["text"] and "Latifa El Amrani" in second[0]["text"]
    assert [a["to"] for a in botframework.activities] == ["teams-demo-latifa", "teams-demo-latifa"]
    assert "Joost (C-3001) wil contact met je" in botframework.activities[0]["text"]
    assert "perspectiefplan" in botframework.activities[0]["text"]
    assert len(botframework.token_requests) == 1  # one token serves both handoffs
    assert len(case_store.notifications_for("B-03")) == 2  # the inbox has them too


async def test_refused_token_loses_nothing(case_store, handoff, botframework, monkeypatch, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="actions.handoff")
    botframework.refuse_token = True
    configure(monkeypatch, botframework.env())
    messages = await handoff()
    assert "Latifa El Amrani" in messages[0]["text"]
    assert "perspectiefplan" in case_store.notifications_for("B-03")[0].text
    assert botframework.conversations == [] and botframework.activities == []
    assert "teams notification refused" in caplog.text
    assert PASSWORD not in caplog.text and "perspectiefplan" not in caplog.text and "Joost" not in caplog.text
    teams = TeamsTransport.from_env(botframework.env())
    assert await teams.deliver("teams-demo-latifa", "x") is False


async def test_teams_service_unreachable_loses_nothing(
    case_store, handoff, botframework, monkeypatch, caplog
) -> None:
    caplog.set_level(logging.WARNING, logger="actions.handoff")
    configure(monkeypatch, botframework.env(f"http://127.0.0.1:{free_port()}/emea/"))  # nothing listens
    messages = await handoff()
    assert "Latifa El Amrani" in messages[0]["text"]
    assert "perspectiefplan" in case_store.notifications_for("B-03")[0].text
    assert "teams notification failed: ClientConnectorError" in caplog.text
    assert "token-1" not in caplog.text and "perspectiefplan" not in caplog.text


async def test_slack_and_teams_both_get_it(case_store, handoff, botframework, slack_api, monkeypatch) -> None:
    slack_url, slack_received, _ = slack_api
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", slack_url)
    configure(monkeypatch, botframework.env())
    await handoff()
    assert [m["channel"] for m in slack_received] == ["U0DEMOLATIFA"]
    assert [a["to"] for a in botframework.activities] == ["teams-demo-latifa"]
    assert slack_received[0]["text"] == botframework.activities[0]["text"]
