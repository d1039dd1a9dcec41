"""Handoff to the begeleider (contact request + notification) and feedback for content editors."""

from __future__ import annotations

import json
import urllib.request

import pytest

from tests.e2e.conftest import Chat, token
from uitstroom.casestore.db import session_factory
from uitstroom.casestore.feedback_report import report
from uitstroom.casestore.repository import CaseStore

pytestmark = pytest.mark.e2e


def inbox(stack, begeleider: str) -> list[dict]:
    url = f"http://127.0.0.1:{stack.web_port}/meldingen?token={token('begeleider', begeleider)}"
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())["meldingen"]


def test_client_handoff_notifies_the_begeleider_with_client_and_question(stack, client_chat):
    ilse = client_chat("C-3002")
    ilse.say("wat is een preventie-actieplan")
    reply = ilse.say("ik wil met mijn begeleider praten")
    assert "Latifa El Amrani" in reply  # her own begeleider
    messages = [m["tekst"] for m in inbox(stack, "B-03")]
    assert any("Ilse (C-3002)" in m and "preventie-actieplan" in m for m in messages)
    assert not any("Ilse" in m["tekst"] for m in inbox(stack, "B-01"))  # not another begeleider's inbox


def test_inbox_needs_a_begeleider_link(stack):
    url = f"http://127.0.0.1:{stack.web_port}/meldingen?token={token('client', 'C-3002')}"
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(url, timeout=10)
    assert error.value.code == 403


def test_anonymous_handoff_gives_the_region_contact_point(chat):
    chat.say("ik woon in Emmeloord")
    reply = chat.say("ik wil met een mens praten")
    assert "begeleider" in reply
    assert "beschermdwonen@noordoostpolder.nl" in reply


def test_a_begeleider_asking_for_a_person_gets_the_procedures_contact_points(stack):
    coach = Chat(stack.rasa_url)
    coach.say("ik ben begeleider in Emmeloord")
    reply = coach.say("ik wil met een mens praten")
    assert "Voor vragen over de procedure" in reply and "beschermdwonen@noordoostpolder.nl" in reply
    assert "je eigen begeleider" not in reply and "jouw regio" not in reply
    other = Chat(stack.rasa_url)
    other.say("ik ben begeleider in Hoorn")  # Westfriesland: the coördinator, through the region's site
    reply = other.say("ik wil met een mens praten")
    assert "Uitstroomcoördinator Westfriesland, zorginregiowestfriesland.nl" in reply
    third = Chat(stack.rasa_url)
    third.say("ik ben begeleider in Amsterdam")  # the Amsterdam infoblad names no contact point
    assert "geen vast contactpunt" in third.say("ik wil met een mens praten")


def test_feedback_and_unanswered_questions_reach_the_editors(chat, case_db):
    chat.say("ik woon in Hoorn")
    chat.say("wat is de uitstroomregeling")
    chat.say('/feedback{"oordeel": "slecht"}')
    chat.say("mag mijn kat mee naar de nieuwe woning")
    text = report(CaseStore(session_factory(case_db)))
    assert "wf-" in text  # the rated-down entry
    assert "kat" in text  # the unanswered question
