"""The production profile: two Sanic workers sharing conversations through Redis still hold a conversation."""

from __future__ import annotations

from collections.abc import Iterator

import psutil
import pytest

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
