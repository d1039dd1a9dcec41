"""A client's contact request reaches a begeleider on Slack as a direct message, and is never lost."""

from __future__ import annotations

import asyncio

import pytest
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.handoff
import actions.identity
from uitstroom.casestore.access import issue_token
from uitstroom.casestore.notify import SlackTransport
from uitstroom.stack import free_port

SECRET = "test-secret-0123456789-0123456789-abcd"


@pytest.fixture
async def slack_api():
    """A stand-in for slack.com/api on loopback: records messages, answers like Slack."""
    received: list[dict] = []
    state = {"refuse": False}

    async def post_message(request: web.Request) -> web.Response:
        received.append({"auth": request.headers.get("Authorization"), **await request.json()})
        if state["refuse"]:
            return web.json_response({"ok": False, "error": "channel_not_found"})
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_post("/api/chat.postMessage", post_message)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    yield f"http://127.0.0.1:{port}/api", received, state
    await runner.cleanup()


async def test_transport_sends_a_direct_message(slack_api) -> None:
    url, received, state = slack_api
    slack = SlackTransport("xoxb-test", url)
    assert await slack.deliver("U0DEMOLATIFA", "Joost wil contact met je.")
    sent = {"auth": "Bearer xoxb-test", "channel": "U0DEMOLATIFA", "text": "Joost wil contact met je."}
    assert received == [sent]
    state["refuse"] = True
    assert not await slack.deliver("U0ONBEKEND", "x")


def test_no_token_no_slack() -> None:
    assert SlackTransport.from_env({}) is None
    assert SlackTransport.from_env({"SLACK_TOKEN": "xoxb-1"}) is not None


@pytest.fixture(autouse=True)
def secret(monkeypatch) -> None:
    monkeypatch.setenv("UITSTROOM_SECRET", SECRET)


def client_tracker() -> Tracker:
    token = issue_token("client", "C-3001", key=SECRET)
    events = [
        {"event": "user", "text": "wat is een perspectiefplan", "metadata": {"token": token}},
        {"event": "user", "text": "ik wil met mijn begeleider praten", "metadata": {"token": token}},
    ]
    latest = {"text": "ik wil met mijn begeleider praten", "intent": {"name": "mens_spreken"}, "entities": []}
    return Tracker("c1", {}, latest, events, False, None, {}, "action_listen")


async def handoff() -> list[dict]:
    dispatcher = CollectingDispatcher()
    await actions.handoff.ActionHandoff().run(dispatcher, client_tracker(), {})
    await asyncio.gather(*actions.handoff._deliveries)
    return dispatcher.messages


async def test_begeleider_on_slack_gets_client_and_question(case_store, slack_api, monkeypatch) -> None:
    url, received, _ = slack_api
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", url)
    messages = await handoff()
    assert "Latifa El Amrani" in messages[0]["text"]
    assert [m["channel"] for m in received] == ["U0DEMOLATIFA"]
    assert "Joost (C-3001) wil contact met je" in received[0]["text"]
    assert "perspectiefplan" in received[0]["text"]
    assert len(case_store.notifications_for("B-03")) == 1  # the inbox has it too


async def test_slack_down_loses_nothing(case_store, monkeypatch) -> None:
    monkeypatch.setenv("SLACK_TOKEN", "xoxb-test")
    monkeypatch.setenv("SLACK_API_URL", f"http://127.0.0.1:{free_port()}/api")  # nothing listens
    messages = await handoff()
    assert "Latifa El Amrani" in messages[0]["text"]
    assert "perspectiefplan" in case_store.notifications_for("B-03")[0].text
