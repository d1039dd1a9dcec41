"""Action tests run against a fresh SQLite case store with the demo data, bound to the action server."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.handoff
import actions.identity
from uitstroom.casestore.access import issue_token
from uitstroom.casestore.db import session_factory
from uitstroom.casestore.repository import CaseStore
from uitstroom.casestore.setup import setup
from uitstroom.stack import free_port

SECRET = "test-secret-0123456789-0123456789-abcd"


@pytest.fixture
def case_store(tmp_path, monkeypatch) -> CaseStore:
    url = f"sqlite:///{tmp_path / 'cases.sqlite'}"
    setup(url)
    store = CaseStore(session_factory(url))
    monkeypatch.setattr(actions.identity, "_store", store)
    return store


def client_tracker() -> Tracker:
    token = issue_token("client", "C-3001", key=SECRET)
    events = [
        {"event": "user", "text": "wat is een perspectiefplan", "metadata": {"token": token}},
        {"event": "user", "text": "ik wil met mijn begeleider praten", "metadata": {"token": token}},
    ]
    latest = {"text": "ik wil met mijn begeleider praten", "intent": {"name": "mens_spreken"}, "entities": []}
    return Tracker("c1", {}, latest, events, False, None, {}, "action_listen")


@pytest.fixture
def handoff(case_store, monkeypatch) -> Callable[[], Awaitable[list[dict]]]:
    """Client Joost (C-3001) asks for his begeleider Latifa (B-03) after a question about the
    perspectiefplan; returns what the client was told once the outside deliveries have finished."""
    monkeypatch.setenv("UITSTROOM_SECRET", SECRET)

    async def run() -> list[dict]:
        dispatcher = CollectingDispatcher()
        await actions.handoff.ActionHandoff().run(dispatcher, client_tracker(), {})
        await asyncio.gather(*actions.handoff._deliveries)
        return dispatcher.messages

    return run


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
