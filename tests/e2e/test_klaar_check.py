"""A client walks the readiness check, with an interruption and a stop, and the case shows the answers."""

from __future__ import annotations

import pytest

from uitstroom.casestore.db import session_factory
from uitstroom.casestore.repository import CaseStore

pytestmark = pytest.mark.e2e


def criteria_in_case(case_db: str, client_number: str) -> dict[str, str]:
    case = CaseStore(session_factory(case_db)).client(client_number).case
    return {c.code: c.status for c in case.criteria}


def test_client_walks_the_check_with_an_interruption_and_the_case_shows_the_answers(client_chat, case_db):
    samira = client_chat("C-2005")  # Westfriesland: four criteria
    reply = samira.say("ben ik klaar om uit te stromen?")
    assert "4 voorwaarden" in reply and "Westfriesland" in reply
    assert "Vraag 1 van 4" in reply
    assert "Vraag 2 van 4" in samira.say("ja")
    reply = samira.say("wat is een perspectiefplan?")  # interruption: answered, then the check resumes
    assert "perspectiefplan" in reply.lower() and "Verder met vraag 2 van 4" in reply
    assert "Had je hier iets aan?" not in reply
    reply = samira.say("snap ik niet")  # not understood: the criterion in plainer words, same question
    assert "Dit betekent dat je het aankunt om op jezelf te wonen" in reply and "vraag 2 van 4" in reply
    reply = samira.say("hoe weet ik dat?")  # was read as "weet ik niet" and the check moved on
    assert "Vraag 3 van 4" not in reply and "vraag 2 van 4" in reply
    assert "Vraag 3 van 4" in samira.say("nee")
    assert "Vraag 4 van 4" in samira.say("weet ik niet")
    reply = samira.say("ja")
    assert "Hier moet je nog aan werken" in reply and "in je dossier" in reply
    assert criteria_in_case(case_db, "C-2005") == {
        "verblijf": "voldaan", "uitstroomklaar": "niet_voldaan",
        "begeleiding": "onbekend", "corporatie": "voldaan",
    }  # fmt: skip


def test_a_begeleider_hears_about_the_client_and_where_to_ask(begeleider_chat):
    coach = begeleider_chat("B-01")
    coach.say("mijn cliënt woont in Hoorn")
    reply = coach.say("is mijn cliënt klaar om uit te stromen?")
    assert "Vraag 1 van 4: Cliënt woont in een voorziening" in reply and "Klopt dat voor je cliënt?" in reply
    for answer in ("ja", "ja", "ja"):
        coach.say(answer)
    reply = coach.say("ja")
    assert "Je cliënt voldoet aan alle voorwaarden van Westfriesland" in reply
    assert "Al voldaan:\n- Cliënt woont in een voorziening" in reply
    assert "via de persoonlijke link" in reply and "inkomensverklaring van Pieter" not in reply
    assert "Je voldoet" not in reply and "in je dossier gezet" not in reply


def test_a_begeleider_naming_a_client_records_the_answers_in_her_case(begeleider_chat, case_db):
    coach = begeleider_chat("B-02")  # Bram (C-2006, Enkhuizen: Westfriesland) is one of B-02's clients
    reply = coach.say("is Bram klaar om uit te stromen?")
    assert "4 voorwaarden van Westfriesland langs voor Bram" in reply and "In welke" not in reply
    assert "Vraag 1 van 4" in reply and "Klopt dat voor Bram?" in reply
    for answer in ("ja", "nee", "ja"):
        coach.say(answer)
    reply = coach.say("weet ik niet")
    assert "Ik heb deze antwoorden in het dossier van Bram gezet." in reply
    assert "staan niet in een dossier" not in reply
    assert criteria_in_case(case_db, "C-2006") == {
        "verblijf": "voldaan", "uitstroomklaar": "niet_voldaan",
        "begeleiding": "voldaan", "corporatie": "onbekend",
    }  # fmt: skip


def test_the_caseload_answers_who_meets_the_criteria(begeleider_chat):
    coach = begeleider_chat("B-02")
    coach.say("voldoet Naima aan de criteria")
    for answer in ("ja", "ja", "ja"):
        coach.say(answer)
    assert "Naima voldoet aan alle voorwaarden van Westfriesland" in coach.say("ja")
    reply = coach.say("welke cliënten voldoen aan alle voorwaarden?")
    assert "Naima" in reply and "Samira" not in reply and "Lisa" not in reply
    reply = coach.say("wie voldoet nog niet aan de criteria")
    assert "Samira" in reply and "Naima" not in reply


def test_a_client_of_another_begeleider_is_not_touched(begeleider_chat, case_db):
    coach = begeleider_chat("B-01")  # Bram is not B-01's client
    reply = coach.say("is Bram klaar om uit te stromen?")
    assert "Bram" not in reply and "Over welke gemeente gaat het?" in reply
    coach.say("Hoorn")
    for answer in ("ja", "ja", "ja", "ja"):
        reply = coach.say(answer)
    assert "staan niet in een dossier" in reply and "Bram" not in reply
    assert criteria_in_case(case_db, "C-2006").get("corporatie") != "voldaan"


def test_the_check_can_be_stopped(chat):
    chat.say("ik woon in Zeist")
    assert "Vraag 1 van 3" in chat.say("kan ik al uitstromen")
    assert "we stoppen" in chat.say("stop")
    reply = chat.say("wat is omgekeerde plaatsing")  # after the check: an answer asks for feedback again
    assert "Dit geldt voor Zuidoost-Utrecht" in reply and "Had je hier iets aan?" in reply


def test_a_place_in_the_request_is_used(chat):
    reply = chat.say("ik woon in Hoorn, ben ik klaar om uit te stromen?")
    assert "voorwaarden van Westfriesland" in reply and "Vraag 1 van 4" in reply
    assert "In welke plaats" not in reply


def test_a_begeleider_without_a_region_is_asked_about_the_client(begeleider_chat):
    reply = begeleider_chat("B-01").say("kunnen we de criteria doorlopen")
    assert "de regio van je cliënt" in reply and "Over welke gemeente gaat het?" in reply
    assert "jouw regio" not in reply


def test_an_unknown_place_is_said_so_and_asked_again(chat):
    chat.say("ben ik klaar om uit te stromen")
    reply = chat.say("Atlantis")  # was read as a goodbye: "Dag! Succes met de volgende stap."
    assert "Die plaats ken ik niet" in reply and "In welke plaats woon je?" in reply and "Dag" not in reply
    assert "Vraag 1 van 3" in chat.say("Emmeloord")


def test_the_place_question_takes_a_region_name(chat):
    assert "In welke plaats woon je" in chat.say("ben ik klaar om uit te stromen")
    reply = chat.say("zuidoost utrecht")
    assert "Zuidoost-Utrecht" in reply and "Vraag 1 van 3" in reply


def test_every_criterion_gets_its_own_explanation(chat):
    chat.say("ik woon in Emmeloord")  # Noordoostpolder: three criteria
    explanations = [chat.say("ben ik klaar om uit te stromen").split("Vraag 1 van 3")[1]]
    explanations += [chat.say("ja"), chat.say("ja")]
    bodies = [text.split("\n", 1)[1].replace("Klopt dat voor jou?", "").strip() for text in explanations]
    assert len(set(bodies)) == 3, bodies


def test_the_intro_names_the_region_once(chat):
    chat.say("ik woon in Emmeloord")
    reply = chat.say("ben ik klaar om uit te stromen?")
    # The region's label has parentheses of its own: the intro once read "(Noordoostpolder (Flevoland))".
    assert "voorwaarden van Noordoostpolder (Flevoland) langs" in reply
    assert "((" not in reply and "))" not in reply


def test_goodbye_in_the_middle_ends_the_check(chat):
    chat.say("ik woon in Zeist")
    assert "Vraag 1 van 3" in chat.say("ben ik klaar om uit te stromen?")
    reply = chat.say("bedankt, doei")
    assert "Dag!" in reply and "Verder met" not in reply and "vraag 1 van 3" not in reply.lower()
