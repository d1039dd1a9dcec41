"""A dead action server must not leave the user without an answer."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Chat, running_stack

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def stack_without_actions(case_db):
    # The action endpoint points at a free port where nothing listens.
    with running_stack(case_db, parts=("rasa",)) as running:
        yield running


def test_dead_action_server_gives_a_dutch_apology(stack_without_actions):
    chat = Chat(stack_without_actions.rasa_url)
    reply = chat.say("hoeveel kost woningnet verlengen")
    assert "Er ging iets mis aan mijn kant" in reply


def test_rules_still_work_without_the_action_server(stack_without_actions):
    chat = Chat(stack_without_actions.rasa_url)
    assert "113" in chat.say("ik wil niet meer leven")
