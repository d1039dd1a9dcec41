"""The production profile: two Sanic workers sharing conversations through Redis still hold a conversation."""

from __future__ import annotations

from collections.abc import Iterator

import psutil
import pytest
import redis

from tests.e2e.conftest import Chat, running_stack
from uitstroom.stack import Stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def production(case_db) -> Iterator[Stack]:
    with running_stack(case_db, parts=("actions", "rasa"), workers=2) as running:
        yield running


def test_two_workers_remember_the_region_and_a_form_across_requests(production):
    chats = [Chat(production.rasa_url) for _ in range(4)]  # several conversations spread over both workers
    for chat in chats:
        assert "Zuidoost-Utrecht" in chat.say("ik woon in Zeist")
    for chat in chats:
        assert "Dit geldt voor Zuidoost-Utrecht" in chat.say("wat is omgekeerde plaatsing")
        assert "Vraag 1 van 3" in chat.say("ben ik klaar om uit te stromen")
        assert "Vraag 2 van 3" in chat.say("ja")
    server = psutil.Process(production.processes["rasa"].pid)
    assert len(server.children()) == 2  # really two Sanic worker processes


def test_a_typed_bsn_is_answered_and_never_reaches_redis(production):
    chat = Chat(production.rasa_url)
    chat.say("ik woon in Zeist")
    assert "Papier 1 van" in chat.say("welke papieren heb ik nodig")
    reply = chat.say("moet je mijn bsn? 111222333")
    assert "Dat nummer hoef je hier niet te geven" in reply
    assert "Verder met papier 1 van" in reply  # and the checklist goes on
    assert "Papier 2 van" in chat.say("ja")
    trackers = redis.Redis(host="127.0.0.1", port=production.redis_port, db=0)
    stored = [trackers.get(key) or b"" for key in trackers.keys("*")]
    assert any(b"[BSN]" in value for value in stored)
    assert not any(b"111222333" in value for value in stored)
