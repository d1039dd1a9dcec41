"""Dutch conversations through the REST webhook, as a client and as a begeleider."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Chat

pytestmark = pytest.mark.e2e


def test_greeting_says_what_the_assistant_can_do(chat):
    reply = chat.say("hallo")
    assert "uitstroom-assistent" in reply
    assert "eigen huis" in reply


# Who says who they are first (nothing for a client), and how they then give the place.
ROLES = {"client": ("", "ik woon in {}"), "begeleider": ("ik ben begeleider", "ik ben begeleider in {}")}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("place", ["Amsterdam", "Hoorn", "Zeist", "Emmeloord", "Groningen"])
def test_every_welcome_button_is_answered_in_every_region(stack, place, role):
    """The buttons come before the region is known: each must lead somewhere in every region."""
    introduction, place_message = ROLES[role]
    first = Chat(stack.rasa_url)
    if introduction:
        first.say(introduction)
    payloads = [b["payload"] for r in first.replies("hallo") for b in r.get("buttons", [])]
    assert len(payloads) == 3
    for payload in payloads:
        chat = Chat(stack.rasa_url)
        chat.say(place_message.format(place))
        reply = chat.say(payload)
        assert "Vraag 1 van" in reply or "Bron:" in reply, (payload, reply)
        assert "Bedoel je" not in reply and "hoort bij de regels van" not in reply, (payload, reply)


def test_a_begeleider_is_greeted_with_the_procedure_and_their_caseload(begeleider_chat, stack):
    welcome = begeleider_chat("B-01").replies("hoi")
    text = "\n".join(r.get("text", "") for r in welcome)
    titles = [b["title"] for r in welcome for b in r.get("buttons", [])]
    assert "welk formulier en welke termijn" in text and "eigen huis" not in text
    assert "Mijn cliënten" in titles and "Welke papieren heb ik nodig?" not in titles
    anonymous = Chat(stack.rasa_url)
    anonymous.say("ik ben woonbegeleider")
    titles = [b["title"] for r in anonymous.replies("hallo") for b in r.get("buttons", [])]
    assert "Papieren voor de aanmelding" in titles and "Mijn cliënten" not in titles  # no caseload to show


def test_what_the_assistant_can_do_depends_on_who_asks(chat, begeleider_chat, client_chat):
    assert "Vertel me dus waar je woont" in chat.say("wat kun je allemaal")
    chat.say("ik woon in Hoorn")
    assert "Ik geef antwoord voor Westfriesland." in chat.say("wat kun je allemaal")
    reply = client_chat("C-3001").say("wat kun je allemaal")
    assert "Zuidoost-Utrecht" in reply and "wat moet ik nog regelen?" in reply
    reply = begeleider_chat("B-01").say("wat kun je allemaal")
    assert "uitstroomprocedure per regio" in reply and "caseload" in reply and "eigen huis" not in reply


def test_questions_about_using_the_chat_get_an_answer(chat):
    assert "alleen getypte tekst" in chat.say("kan ik ook spraakberichten sturen")
    assert chat.say("opnieuw beginnen").startswith("Goed, we beginnen opnieuw.")


def test_a_greeting_that_says_how_the_client_feels_is_answered_warmly(chat):
    reply = chat.say("hoi, ik vind het spannend allemaal")
    assert "je hoeft het niet alleen te doen" in reply and "uitstroom-assistent" in reply


def test_goodbye_and_thanks(chat):
    assert "Graag gedaan" in chat.say("dankjewel!")
    assert "Dag" in chat.say("doei")
    assert "Dag" in chat.say("dagdag!")  # was taken for keyboard mash: "ik kan je bericht niet lezen"


def test_is_honest_about_being_a_computer(chat):
    assert "computerprogramma" in chat.say("ben jij een robot?")
    # a personal question to the assistant is about the assistant, not "daar kan ik je niet mee helpen"
    assert "computerprogramma" in chat.say("heb jij een vrouw?")


def test_a_privacy_question_hears_who_sees_what(chat):
    reply = chat.say("wie kan meelezen met deze chat?")
    assert "Niemand leest live mee" in reply and "privé-gegevens" in reply


def test_other_scripts_and_threats_are_recognised(chat):
    assert "alleen Nederlands" in chat.say("мне нужна помощь с жильём")
    assert "112" in chat.say("mijn ex staat voor de deur en zegt dat hij me gaat pakken")


def test_out_of_scope_is_answered_honestly(chat):
    assert "niet mee helpen" in chat.say("wat voor weer wordt het morgen")


def test_human_referral(chat):
    reply = chat.say("ik wil met een mens praten")
    assert "begeleider" in reply


# The last one the model reads as "stop" (0.99): the guard's crisis must still win.
@pytest.mark.parametrize(
    "message", ["ik wil niet meer leven", "ik doe mezelf iets aan", "ik heb geen zin meer in alles"]
)
def test_crisis_gets_113_and_112_at_once(chat, message):
    reply = chat.say(message)
    assert "113" in reply and "0800-0113" in reply and "112" in reply


def test_crisis_mid_conversation_then_the_conversation_goes_on(chat):
    chat.say("ik woon in Zeist")
    assert "113" in chat.say("eigenlijk zie ik het niet meer zitten")
    reply = chat.say("wat is omgekeerde plaatsing")
    assert "Zuidoost-Utrecht" in reply


def test_amsterdam_woningnet_renewal_cost(chat):
    reply = chat.say("ik woon in Amsterdam")
    assert "Amsterdam" in reply
    reply = chat.say("hoeveel kost het verlengen van woningnet")
    assert "8 euro" in reply
    assert "Dit geldt voor Amsterdam" in reply
    assert "Bron: Infoblad doorstroom" in reply


def test_emmeloord_first_uitstroomtafel(chat):
    reply = chat.say("wanneer is de eerste uitstroomtafel")
    assert "In welke plaats woon je" in reply  # the answer depends on the region: ask first
    reply = chat.say("Emmeloord")
    assert "Noordoostpolder" in reply
    assert "zes maanden" in reply or "6 maanden" in reply
    assert "Bron: Proces Uitstroomtafel Beschermd Wonen Noordoostpolder" in reply


def test_a_follow_up_question_stays_on_the_topic(chat):
    chat.say("ik woon in Emmeloord")
    assert "gesprek over jouw toekomst" in chat.say("wat is de uitstroomtafel")
    reply = chat.say("wie zitten daarbij?")
    assert "Klantmanager Wmo" in reply and "Bedoel je" not in reply


def test_begeleider_in_zeist_omgekeerde_plaatsing(chat):
    chat.say("ik ben begeleider bij Kwintes in Zeist")
    reply = chat.say("wat is omgekeerde plaatsing")
    assert "Vierde Huis" in reply
    assert "Zuidoost-Utrecht" in reply
    assert "Bron: Werkafspraken Uitstroom Zuidoost-Utrecht" in reply


def test_a_region_name_is_enough(chat):
    reply = chat.say("ik woon in West-Friesland")
    assert "Westfriesland" in reply and "gemeente" not in reply
    reply = chat.say("wat is een perspectiefplan")
    assert "Dit geldt voor Westfriesland" in reply


def test_groningen_gets_the_honest_general_answer(chat):
    reply = chat.say("ik woon in Groningen")
    assert "geen eigen handboek" in reply
    reply = chat.say("wat is proefwonen")
    assert "algemene route" in reply
    assert "Bron: Klantreis Uitstroom" in reply


def test_unknown_question_is_not_guessed(chat):
    chat.say("ik woon in Hoorn")
    reply = chat.say("mag mijn kat mee naar de nieuwe woning")
    assert "8 euro" not in reply
    assert "weet ik niet" in reply or "niet goed" in reply or "onderwerpen" in reply


def test_another_regions_topic_is_named_as_such_never_given_as_the_askers_rule(chat):
    chat.say("ik woon in Hoorn")
    reply = chat.say("hoeveel kost woningnet verlengen")
    assert "Westfriesland" in reply and "Amsterdam" in reply
    assert "gelden niet voor jou" in reply
    assert "8 euro" not in reply and "Bron: Infoblad" not in reply  # Amsterdam's rule is not given


def test_a_topic_the_general_route_covers_is_not_called_another_regions(chat):
    chat.say("ik woon in Zeist")
    replies = chat.replies("wat is een perspectiefplan?")
    assert not any("hoort bij de regels van" in (r.get("text") or "") for r in replies)
    offered = [r.get("text") or "" for r in replies]
    offered += [b["title"] for r in replies for b in r.get("buttons", [])]
    assert any("perspectiefplan" in t.lower() for t in offered)  # answered, or offered as a topic


def test_a_message_no_rule_continues_gets_one_reply_not_a_loop(chat):
    chat.say("/nlu_fallback")
    replies = chat.replies("ik snap het niet helemaal")  # weet_niet outside a form: the dialogue's fallback
    assert 1 <= len(replies) <= 2, [r.get("text") for r in replies]


def test_two_stage_fallback_first_asks_then_admits_it_does_not_know(chat):
    # "/nlu_fallback" is what Rasa's NLU produces when it is unsure; sent as a payload it is deterministic.
    first = chat.say("/nlu_fallback")
    assert "Dat weet ik niet" not in first
    assert "anders zeggen" in first or "Bedoel je" in first
    second = chat.say("/nlu_fallback")
    assert "Dat weet ik niet" in second and "begeleider" in second
    assert "Dit geldt voor" in (chat.say("ik woon in Hoorn") + chat.say("wat is een perspectiefplan"))


def test_a_begeleider_is_asked_which_gemeente_not_where_they_live(begeleider_chat):
    anna = begeleider_chat("B-01")
    reply = anna.say("wat is omgekeerde plaatsing")
    assert "Over welke gemeente gaat je vraag" in reply and "woon" not in reply
    reply = anna.say("Zeist")
    assert "Gemeente Zeist" in reply and "Je woont" not in reply
    assert "Vierde Huis" in reply and "Bron: Werkafspraken Uitstroom Zuidoost-Utrecht" in reply


def test_a_begeleider_naming_a_clients_place_stays_a_begeleider(begeleider_chat):
    # "mijn cliënt woont in Hoorn" once turned an identified begeleider into a client, with client
    # wording for the rest of the conversation and no word about the place.
    anna = begeleider_chat("B-01")
    reply = anna.say("mijn cliënt woont in Hoorn")
    assert "Gemeente Hoorn: ik geef de regels van Westfriesland" in reply and "stap voor stap" not in reply
    assert "Is dit al geregeld voor je cliënt?" in anna.say("welke papieren heeft hij nodig?")


def test_anyone_with_a_client_is_a_begeleider(chat):
    reply = chat.say("mijn cliënt woont in Zeist")
    assert "volledige procedure" in reply and "Gemeente Zeist" in reply
    assert "Klopt dat voor je cliënt?" in chat.say("is hij klaar om uit te stromen?")


def test_a_statement_read_as_no_is_answered_when_nothing_was_asked(chat):
    chat.say("ik woon in Amsterdam")
    reply = chat.say("ik heb geen geld")  # read as "nee"; it got only "Oké. Waar kan ik je nog mee helpen?"
    assert "inkomen" in reply and "Oké" not in reply
    assert "Oké. Waar kan ik je nog mee helpen?" in chat.say("nee dank je")  # a bare no stays a no


def test_saying_who_you_are_answers_the_question_that_waited_for_the_place(chat):
    assert "In welke plaats" in chat.say("hoeveel kost het verlengen van woningnet")
    reply = chat.say("ik woon in de opvang in Amsterdam")  # read as the role, with a place
    assert "8 euro" in reply and "Dit geldt voor Amsterdam" in reply  # was: only the place confirmed


def test_saying_who_you_are_is_followed_by_where_to_start(chat):
    reply = chat.replies("ik ben begeleider in Zeist")
    assert reply[-1]["text"] == "Stel je vraag, of kies een onderwerp."
    assert [b["title"] for b in reply[-1]["buttons"]][0] == "Stappen van de procedure"


def test_a_pet_question_is_a_question_not_a_yes(chat):
    chat.say("ik woon in Emmeloord")
    reply = chat.say("mag mijn kat mee")  # read as "ja": "Oké. Waar kan ik je nog mee helpen?"
    assert "Oké" not in reply and "Dat weet ik niet" in reply  # no entry on pets: honest, and logged


def test_a_begeleider_reads_titles_about_the_client(chat):
    chat.say("ik ben begeleider in Zeist")
    reply = chat.say("wat doet een ambulant begeleider na de verhuizing")
    assert reply.startswith("Wat doet de ambulant begeleider?")  # was "Wat doet je ambulant begeleider?"
