"""The document checklist: each document explained for the region, interruptible, stoppable, recorded."""

from __future__ import annotations

import pytest

from uitstroom.casestore.db import session_factory
from uitstroom.casestore.repository import CaseStore

pytestmark = pytest.mark.e2e


def test_client_walks_the_documents_with_an_interruption_and_the_case_shows_them(client_chat, case_db):
    naima = client_chat("C-2007")  # Westfriesland: aanmeldformulier and perspectiefplan, nothing recorded yet
    reply = naima.say("welke papieren heb ik nodig?")
    assert "Westfriesland" in reply and "Aanmeldformulier Uitstroom" in reply
    assert "Papier 1 van 2" in reply and "Bron:" in reply and "Heb je dit al?" in reply
    reply = naima.say("👍")  # a typed thumb answers the checklist's question
    assert "Papier 2 van 2: Perspectiefplan" in reply and "Dank je voor je reactie" not in reply
    reply = naima.say("wat doet de uitstroomcoördinator?")  # a question in between: answered, back to paper 2
    assert "Bron:" in reply and reply.endswith("Verder met papier 2 van 2: Perspectiefplan. Heb je dit al?")
    assert reply.count("Bron:") == 1  # the paper is not explained all over again
    assert "Had je hier iets aan?" not in reply  # no 👍/👎 row beside the checklist's own buttons
    reply = naima.say("wat is dat eigenlijk?")  # about the paper on screen: its plain explanation
    assert "Het perspectiefplan is een plan over jou en je toekomst" in reply and "Bron:" not in reply
    reply = naima.say("nee nog niet")
    assert "Dit heb je al:\n- Aanmeldformulier Uitstroom" in reply
    assert "Dit moet nog" in reply and "Perspectiefplan" in reply and "in je dossier" in reply
    case = CaseStore(session_factory(case_db)).client("C-2007").case
    assert {d.type: d.status for d in case.documents} == {
        "aanmeldformulier_uitstroom": "binnen",
        "perspectiefplan": "nog_niet",
    }


def test_client_answers_never_overwrite_what_the_begeleider_recorded(client_chat, case_db):
    lisa = client_chat("C-2001")  # Noordoostpolder; begeleider recorded the ondersteuningsplan: requested
    assert "Papier 1 van 3" in lisa.say("kun je de documentenlijst met me doorlopen")
    lisa.say("nee")
    lisa.say("nee")
    lisa.say("nee")
    statuses = {d.type: d.status for d in CaseStore(session_factory(case_db)).client("C-2001").case.documents}
    assert statuses["ondersteuningsplan"] == "aangevraagd"
    assert statuses["woningnet"] == "binnen"
    assert statuses["driepartijenovereenkomst"] == "nog_niet"


def test_anonymous_user_is_asked_the_place_first_and_can_stop(chat):
    reply = chat.say("welke documenten moet ik hebben")
    assert "In welke plaats woon je?" in reply
    reply = chat.say("Emmeloord")
    assert "Noordoostpolder" in reply and "Papier 1 van 3" in reply
    assert "we stoppen" in chat.say("laat maar")


def test_a_begeleider_gets_the_full_procedure_per_document(begeleider_chat):
    coach = begeleider_chat("B-03")
    reply = coach.say("welke documenten horen bij de aanmelding uitstroom in onze regio")
    assert "Over welke gemeente gaat het" in reply
    reply = coach.say("Zeist")
    assert "Zuidoost-Utrecht" in reply and "Papier 1 van 5" in reply
    assert "Is dit al geregeld voor je cliënt?" in reply
    for answer in ("ja", "ja", "nee", "weet ik niet"):
        coach.say(answer)
    reply = coach.say("nee")  # the summary speaks about the client, not to them, and stores nothing
    assert "Al geregeld voor je cliënt:" in reply and "Nog te regelen" in reply
    assert "Dit heb je al" not in reply and "Je begeleider" not in reply
    assert "in je dossier gezet" not in reply
    assert "Vragen over de procedure in Zuidoost-Utrecht:" in reply and "Vastleggen kan per cliënt" in reply


def test_a_place_in_the_request_is_not_asked_for_again(begeleider_chat):
    reply = begeleider_chat("B-01").say("welke documenten horen bij de aanmelding in Zeist")
    assert "Voor Zuidoost-Utrecht zijn dit de papieren" in reply and "Papier 1 van 5" in reply
    assert "Over welke gemeente" not in reply


def test_a_begeleider_naming_a_client_sees_what_her_dossier_says(begeleider_chat):
    coach = begeleider_chat("B-02")  # Bram (Westfriesland): both papers are in his dossier
    reply = coach.say("loop de papieren door voor Bram")
    assert "Voor Westfriesland zijn dit de papieren" in reply
    assert "In het dossier van Bram: binnen. Is dit al geregeld voor Bram?" in reply
    coach.say("ja")
    reply = coach.say("ja")
    assert "'de inkomensverklaring van Bram is binnen'" in reply  # how to record, in his name

