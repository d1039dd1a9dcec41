"""The Rasa server patches keep Rasa's behaviour: bad action server responses are still refused."""

from __future__ import annotations

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.utils.endpoints import EndpointConfig

from uitstroom.server import install_patches


@pytest.fixture
def action() -> RemoteAction:
    install_patches()
    return RemoteAction("action_answer_question", EndpointConfig("http://127.0.0.1:1/webhook"))


def test_valid_action_response_is_accepted(action: RemoteAction) -> None:
    response = {"events": [{"event": "slot", "name": "regio", "value": "amsterdam"}],
                "responses": [{"text": "Hoi"}]}  # fmt: skip
    assert action._validate_action_result(response)
    assert action._validate_action_result(response)  # compiled validator is reused


def test_malformed_action_response_is_refused(action: RemoteAction) -> None:
    with pytest.raises(ValidationError):
        action._validate_action_result({"events": [{"name": "regio"}], "responses": "geen lijst"})


def test_stored_events_come_back_as_the_same_classes() -> None:
    from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SlotSet, UserUttered

    install_patches()
    events = [UserUttered("hoi", {"name": "groet"}), SlotSet("regio", "amsterdam"),
              ActionExecuted("action_listen"), ActiveLoop("criteria_form")]  # fmt: skip
    assert [Event.from_parameters(e.as_dict()) for e in events] == events
    assert Event.resolve_by_type("niet_bestaand", default=SlotSet) is SlotSet
    with pytest.raises(ValueError):
        Event.resolve_by_type("niet_bestaand")
