"""Starts the real servers on free ports. No skip: without a model or servers these tests fail."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator

import pytest

from uitstroom.stack import Stack, free_port, latest_model


class Chat:
    """One user talking to the bot through the REST webhook."""

    def __init__(self, rasa_url: str, metadata: dict | None = None) -> None:
        self.url = rasa_url + "/webhooks/rest/webhook"
        self.sender = "test-" + uuid.uuid4().hex[:12]
        self.metadata = metadata or {}

    def raw(self, message: object) -> tuple[int, bytes]:
        body = json.dumps({"sender": self.sender, "message": message, "metadata": self.metadata}).encode()
        request = urllib.request.Request(self.url, body, {"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def say(self, message: str) -> str:
        status, body = self.raw(message)
        assert status == 200, body
        replies = json.loads(body)
        return "\n".join(r.get("text", "") for r in replies)

    def replies(self, message: str) -> list[dict]:
        status, body = self.raw(message)
        assert status == 200, body
        return json.loads(body)


@pytest.fixture(scope="session")
def stack() -> Iterator[Stack]:
    running = Stack(
        model=latest_model(), rasa_port=free_port(), action_port=free_port(), web_port=free_port()
    )
    running.start()
    try:
        running.wait_ready(timeout=240)
        yield running
    finally:
        running.stop()


@pytest.fixture
def chat(stack: Stack) -> Chat:
    return Chat(stack.rasa_url)
