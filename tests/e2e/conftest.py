"""Starts the real servers on free ports. No skip: without a model or servers these tests fail."""

from __future__ import annotations

import json
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from uitstroom.casestore.access import issue_token
from uitstroom.casestore.setup import setup
from uitstroom.stack import Stack, free_port, latest_model

SECRET = "e2e-" + uuid.uuid4().hex  # the servers under test sign and check tokens with this key
# Teams and Slack configured with made-up credentials: the server must still start offline and
# refuse unauthenticated channel requests.
CHANNEL_ENV = {"TEAMS_APP_ID": "e2e-app", "TEAMS_APP_PASSWORD": uuid.uuid4().hex,
               "SLACK_TOKEN": "xoxb-e2e", "SLACK_SIGNING_SECRET": uuid.uuid4().hex}  # fmt: skip


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
def case_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('casestore') / 'casestore.sqlite'}"
    setup(url)
    return url


@contextmanager
def running_stack(
    case_db: str, parts: tuple[str, ...] = ("actions", "rasa", "web"), **options: object
) -> Iterator[Stack]:
    """The product on free loopback ports with the test case store and signing key; stopped afterwards."""
    running = Stack(
        model=latest_model(), rasa_port=free_port(), action_port=free_port(),
        web_port=free_port() if "web" in parts else None,
        extra_env={"UITSTROOM_DATABASE_URL": case_db, "UITSTROOM_SECRET": SECRET, **CHANNEL_ENV}, **options,
    )  # fmt: skip
    try:
        for part in parts:
            getattr(running, f"start_{part}")()
        running.wait_ready(timeout=300)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def stack(case_db) -> Iterator[Stack]:
    with running_stack(case_db) as running:
        yield running


@pytest.fixture
def chat(stack: Stack) -> Chat:
    return Chat(stack.rasa_url)


def token(role: str, subject: str) -> str:
    return issue_token(role, subject, days=1, key=SECRET)


@pytest.fixture
def client_chat(stack: Stack):
    """A chat opened through a client's personal link."""
    return lambda number: Chat(stack.rasa_url, {"token": token("client", number)})


@pytest.fixture
def begeleider_chat(stack: Stack):
    return lambda code: Chat(stack.rasa_url, {"token": token("begeleider", code)})
