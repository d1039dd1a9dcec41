"""Personal guidance from the case store, and the lines nobody may cross."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.e2e.conftest import Chat
from uitstroom.casestore.db import session_factory
from uitstroom.casestore.models import AuditEntry
from uitstroom.casestore.repository import CaseStore

pytestmark = pytest.mark.e2e


def test_client_link_lists_own_missing_documents(client_chat):
    reply = client_chat("C-3001").say("wat moet ik nog regelen?")
    assert "Zuidoost-Utrecht" in reply
    for label in (
        "Inkomensverklaring",
        "3-partijenovereenkomst",
        "Overdrachtsdocument",
        "Preventie-actieplan",
    ):
        assert label in reply
    assert "Begeleidingsovereenkomst" not in reply  # Joost already has that one


def test_client_next_step_says_what_it_is(client_chat):
    reply = client_chat("C-2003").say("wat is mijn volgende stap")
    assert "Je volgende stap: 3-partijenovereenkomst.\n" in reply and "drie partijen" in reply


def test_client_next_step_has_a_date_and_is_not_repeated_under_then(client_chat):
    reply = client_chat("C-3001").say("wat is mijn volgende stap")
    step = re.search(r"Je volgende stap: (.+?)\. Dat moet vóór \d{1,2} \w+ 20\d\d", reply)
    assert step, reply
    then = reply.split("Daarna:")[1] if "Daarna:" in reply else ""
    assert step.group(1) not in then, reply  # it once listed the step itself as what comes next


def test_anonymous_chat_reads_no_case(chat):
    reply = chat.say("wat moet ik nog regelen?")
    assert "Ik weet niet wie je bent" in reply
    assert "Inkomensverklaring" not in reply


def test_forged_token_reads_no_case(stack):
    forged = Chat(stack.rasa_url, {"token": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJDLTMwMDEifQ.bad"})
    assert "Ik weet niet wie je bent" in forged.say("hoe staat mijn dossier ervoor")


def test_client_cannot_read_another_case_or_a_caseload(client_chat):
    pieter = client_chat("C-1001")
    reply = pieter.say("wat moet ik nog regelen voor Fatima")
    assert "Fatima" not in reply and "Urgentie" not in reply  # only Pieter's own list
    reply = pieter.say("welke cliënten missen nog een inkomensverklaring")
    assert "alleen voor begeleiders" in reply


def test_a_general_question_read_as_caseload_is_answered_without_a_login(chat):
    chat.say("ik ben ambulant begeleider in de noordoostpolder")
    reply = chat.say("wie zit er bij de tweede tafel")  # read as a caseload question ("wie ...")
    assert "alleen voor begeleiders" not in reply and "Bron:" in reply


def test_begeleider_caseload_question_lists_exactly_the_right_clients(begeleider_chat):
    reply = begeleider_chat("B-03").say("welke cliënten missen nog een inkomensverklaring?")
    listed = {name for name in ("Joost", "Tim", "Marco", "Esra", "Ilse", "Özlem") if name in reply}
    assert listed == {"Joost", "Tim", "Marco", "Esra"}
    assert "Pieter" not in reply and "Anouk" not in reply  # another begeleider's clients


def test_begeleider_asks_who_has_a_deadline_this_week(begeleider_chat, case_db):
    from uitstroom.casestore import parsing
    from uitstroom.casestore.rules import open_items

    start, end = parsing.window_in("deze week")
    clients = CaseStore(session_factory(case_db)).caseload("B-01")
    due = {c.first_name for c in clients if any(t.due and start <= t.due <= end for t in open_items(c.case))}
    reply = begeleider_chat("B-01").say("welke clienten hebben deze week een deadline")
    listed = {c.first_name for c in clients if c.first_name in reply}
    assert listed == due
    assert len(due) < len(clients)  # the question filtered: not simply the whole caseload


def test_caseload_questions_about_everything_in_order_or_no_filter(begeleider_chat, case_db):
    from uitstroom.casestore.rules import next_step

    clients = CaseStore(session_factory(case_db)).caseload("B-01")
    done = {c.first_name for c in clients if next_step(c.case) is None}
    reply = begeleider_chat("B-01").say("welke cliënten hebben alles op orde?")
    listed = {c.first_name for c in clients if c.first_name in reply}
    assert listed == done and len(done) < len(clients)  # was: the whole caseload as "7 van je 7"
    reply = begeleider_chat("B-01").say("geef me een overzicht van al mijn cliënten")
    assert reply.startswith(f"Je hebt {len(clients)} cliënten:")
    assert all(c.first_name in reply for c in clients)


def test_caseload_filters_on_phase_and_on_a_documents_status(begeleider_chat, case_db):
    clients = CaseStore(session_factory(case_db)).caseload("B-01")
    in_uitstroom = {c.first_name for c in clients if c.case.phase == "uitstroom"}
    reply = begeleider_chat("B-01").say("welke cliënten zitten in de fase uitstroom")
    assert {c.first_name for c in clients if c.first_name in reply} == in_uitstroom  # was: all seven
    reply = begeleider_chat("B-01").say("welke cliënten missen nog een woningnet inschrijving")
    assert "WoningNet-inschrijving: nog niet geregeld" in reply  # the document's status, not the next step
    reply = begeleider_chat("B-01").say("wie heeft een verlopen woningnet inschrijving")
    assert "Sanne" not in reply  # hers was never arranged: not "verlopen"


def test_a_meeting_question_read_as_caseload_gets_the_knowledge_answer(begeleider_chat):
    reply = begeleider_chat("B-01").say("wie zit er bij het proefwonen gesprek")
    assert "proefwonen" in reply.lower() and "Bron:" in reply
    assert "Anouk" not in reply and "cliënten:" not in reply  # was: the whole caseload
    reply = begeleider_chat("B-01").say("wie zit er in proefwonen")  # a phase: the caseload
    assert "Mohammed" in reply and "Anouk" not in reply


def test_begeleider_cannot_update_someone_elses_client(begeleider_chat):
    reply = begeleider_chat("B-01").say("de inkomensverklaring van Joost is binnen")
    assert "niet in jouw caseload" in reply


def test_update_is_confirmed_stored_and_audited(begeleider_chat, case_db):
    anna = begeleider_chat("B-01")
    reply = anna.say("de inkomensverklaring van Anouk is binnen")
    assert "Klopt dit?" in reply and "Anouk" in reply
    assert "Opgeslagen" in anna.say("ja")
    anouk = CaseStore(session_factory(case_db)).client("C-1006")
    assert {d.type: d.status for d in anouk.case.documents}["inkomensverklaring"] == "binnen"
    with session_factory(case_db)() as s:
        audit = s.scalars(select(AuditEntry).where(AuditEntry.actor == "begeleider:B-01")).all()
    assert [(a.action, a.detail, a.case_id) for a in audit][-1] == (
        "document",
        "inkomensverklaring=binnen",
        anouk.case.id,
    )


def test_update_can_be_cancelled(begeleider_chat, case_db):
    jeroen = begeleider_chat("B-02")
    reply = jeroen.say("Lisa heeft op 12 maart haar uitstroomtafel")  # which of the three?
    assert "Welke uitstroomtafel bedoel je: 1, 2 of 3?" in reply and "Lisa op 12 maart" in reply
    assert "Klopt dit?" in jeroen.say("uitstroomtafel 1 voor Lisa op 12 maart")
    assert "niets opgeslagen" in jeroen.say("nee")
    lisa = CaseStore(session_factory(case_db)).client("C-2001").case.id
    with session_factory(case_db)() as s:  # nothing written to Lisa's case (other tests use B-02 too)
        assert not s.scalars(
            select(AuditEntry).where(AuditEntry.actor == "begeleider:B-02", AuditEntry.case_id == lisa)
        ).all()


def test_a_personal_link_answers_for_the_case_region_without_asking_the_place(client_chat):
    lisa = client_chat("C-2001")  # her case is in Noordoostpolder
    reply = lisa.say("wat is een driepartijenovereenkomst")
    assert "In welke plaats" not in reply
    assert "Noordoostpolder" in reply and "Bron:" in reply


def test_a_begeleider_link_gets_the_begeleider_variant(begeleider_chat, chat):
    coach = begeleider_chat("B-03")
    coach.say("ik werk in Zeist")
    chat.say("ik woon in Zeist")
    as_begeleider = coach.say("wat is omgekeerde plaatsing")
    as_client = chat.say("wat is omgekeerde plaatsing")
    assert "Zuidoost-Utrecht" in as_begeleider and "Zuidoost-Utrecht" in as_client
    assert as_begeleider != as_client  # the full procedure, not the short B1 text


def test_begeleider_asks_about_one_named_client(begeleider_chat):
    reply = begeleider_chat("B-01").say("in welke fase zit Fatima")
    assert "Fatima (C-1002)" in reply and "fase uitstroom" in reply
    # what her criteria check recorded, the open one about her, not "Je …"
    assert "Voorwaarden: 2 van 3 voldaan. Open: WoningNet-inschrijving van de cliënt is betaald" in reply
    assert "Pieter" not in reply and "Anouk" not in reply  # only the client asked about
    reply = begeleider_chat("B-01").say("hoe staat het met Joost")  # Joost is B-03's client
    assert "Joost" not in reply


def test_a_bsn_gets_the_answer_for_the_askers_role(begeleider_chat, client_chat):
    reply = begeleider_chat("B-01").say("bsn van cliënt: 111222333")
    assert "niet bewaard" in reply and "dossiersysteem" in reply
    reply = client_chat("C-2007").say("mijn bsn is 111222333")
    assert "niet bewaard" in reply and "aan je begeleider" in reply


def test_a_client_hears_who_their_begeleider_is_and_when_they_move(client_chat, case_db):
    joost = client_chat("C-3001")
    case = CaseStore(session_factory(case_db)).client("C-3001")
    reply = joost.say("wie is mijn begeleider")
    assert f"Je begeleider is {case.begeleider.name}." in reply
    reply = joost.say("wanneer verhuis ik")  # was another region's topic: "hoort bij de regels van ..."
    assert reply.startswith("Je verhuizing staat nu gepland voor ") and "Je volgende stap" in reply
    assert "hoort bij de regels van" not in reply


def test_a_short_question_after_the_one_thing_to_arrange_is_about_it(client_chat):
    samira = client_chat("C-2005")  # Westfriesland: only the aanmeldformulier is missing
    assert "1. Aanmeldformulier Uitstroom" in samira.say("wat moet ik nog regelen?")
    reply = samira.say("hoe vraag ik dat aan")  # got "Bedoel je…?"
    assert "zorginregiowestfriesland.nl" in reply and "Bedoel je" not in reply


def test_next_appointment_is_the_meeting_not_the_next_step(client_chat):
    reply = client_chat("C-2005").say("wanneer is mijn volgende afspraak?")  # none planned
    assert "Er staat nog geen afspraak in je dossier" in reply and "Je volgende stap" not in reply


def test_a_typo_in_begeleider_still_gets_the_name(client_chat):
    reply = client_chat("C-3001").say("wie is mijn begleider")  # got "Ik weet niet zeker wat je bedoelt"
    assert "Je begeleider is Latifa El Amrani" in reply


def test_a_bare_when_after_an_answer_is_about_that_answer(client_chat):
    emma = client_chat("C-2003")  # Noordoostpolder
    emma.say("wat is een driepartijenovereenkomst")
    reply = emma.say("wanneer")  # read as "my next step"
    assert "Je volgende stap" not in reply and "beschermd wonen naar je eigen huis" in reply

