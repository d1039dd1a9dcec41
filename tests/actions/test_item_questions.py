"""Short questions about the checklist item on screen, and "snap ik niet" (action_uitleg)."""

from __future__ import annotations

import dataclasses

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import actions.item_questions
from actions.case import ActionCaseVolgendeStap
from actions.checklist import unknown_place
from actions.context import ActionSetPlace
from actions.documents import ActionAskDocument1, ValidateDocumentenForm
from actions.fallback import ActionFallbackKnowledge
from actions.item_questions import ActionUitleg, about_the_item, answer_about_item, aspect_of
from actions.knowledge import ActionAnswerKnowledge
from actions.readiness import ActionAskCriterium2
from uitstroom import PROJECT_ROOT
from uitstroom.knowledge.model import default_knowledge_base

KB = default_knowledge_base()
ZOU_INKOMEN = KB.by_id("zou-inkomensverklaring")  # Zuidoost-Utrecht's first document
NOP_WONINGNET = KB.by_id("nop-woningnet-inschrijven")  # Noordoostpolder's first document: no "hoe"


def in_form(
    text: str,
    region: str = "zuidoost-utrecht",
    role: str = "client",
    form: str = "documenten_form",
    slot: str = "document_1",
    intent: str = "vraag_procedure",
    events: list[dict] | None = None,
) -> Tracker:
    """The checklist `form` shows item `slot` of `region`; then the user writes `text`."""
    slots = {"regio": region, "rol": role, "requested_slot": slot}
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [],
        "entities": [],
    }
    history = events or [{"event": "action", "name": "action_documenten_intro"}]
    history = history + [{"event": "user", "text": text, "parse_data": latest}]
    return Tracker("i1", slots, latest, history, False, None, {"name": form}, "action_listen")


def texts(dispatcher: CollectingDispatcher) -> list[str]:
    return [m.get("text") or "" for m in dispatcher.messages]


@pytest.mark.parametrize(
    ("question", "aspect"),
    [
        ("wie regelt dat?", "wie"),
        ("hoe lang duurt dat", "wanneer"),
        ("wanneer moet dat klaar zijn", "wanneer"),
        ("waar haal ik die", "hoe"),
        ("hoe vraag ik het aan", "hoe"),
        ("wat is dat eigenlijk?", "uitleg"),
        ("wat betekent dat", "uitleg"),
        ("waarom?", "uitleg"),
        ("hoe kom ik daaraan", "hoe"),
        ("kost dat geld?", None),
        ("wat als ik dat niet heb", None),  # a consequence: no line of the item says it
        ("moet ik dat zelf doen of mijn begeleider?", "wie"),
        ("kan dat ook later", "wanneer"),
        ("wie moet die tekenen", "wie"),
        ("moet ik die tekenen", "wie"),  # whether it is the asker's job: the wie line says whose it is
        ("moet ik dat aanvragen?", "wie"),
        ("wie krijgen dat allemaal te zien?", None),  # who receives it: the wie line says who arranges it
    ],
)
def test_the_aspect_a_short_question_asks_about(question, aspect):
    assert aspect_of(question) == aspect


@pytest.mark.parametrize(
    ("question", "about"),
    [
        ("wie moet het tekenen", True),
        ("hoelang is het geldig", True),
        ("hoe kom ik aan zo'n ding", True),
        ("en wie?", True),
        ("wat doet het wijkteam", False),
        ("wat is het verschil tussen huur en koop", False),
        ("hoe werkt woningnet precies als je net begint met zoeken", False),
    ],
)
def test_whether_a_question_points_at_the_item_on_screen(question, about):
    assert about_the_item(question) is about


@pytest.mark.parametrize(
    ("question", "aspect"),
    [("wie regelt dat?", "wie"), ("wat is dat eigenlijk?", "uitleg"), ("hoe doe ik dat", "hoe")],
)
async def test_a_question_about_the_item_on_screen_is_answered_from_that_item(case_store, question, aspect):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(dispatcher, in_form(question), {})
    assert texts(dispatcher) == [ZOU_INKOMEN.kort_line(aspect)]
    assert not any(m.get("buttons") for m in dispatcher.messages)  # no "Bedoel je...?" topics
    assert not any(e.get("name") == "laatste_kennis_id" for e in events)


async def test_what_the_rules_do_not_say_is_said_honestly_and_reaches_the_editors(case_store):
    assert NOP_WONINGNET.kort_line("hoe") is None
    dispatcher = CollectingDispatcher()
    await ActionAnswerKnowledge().run(dispatcher, in_form("hoe doe ik dat?", region="noordoostpolder"), {})
    assert texts(dispatcher) == [
        "Dat staat niet in de afspraken van Noordoostpolder (Flevoland). "
        "Je begeleider weet hoe het bij jou gaat."
    ]
    gaps = case_store.feedback(("onbeantwoord",))
    assert [(f.entry_id, f.question) for f in gaps] == [
        (NOP_WONINGNET.id, "WoningNet-inschrijving: hoe doe ik dat?")
    ]


async def test_a_begeleider_gets_the_plain_line_to_pass_on(case_store):
    dispatcher = CollectingDispatcher()
    await ActionAnswerKnowledge().run(dispatcher, in_form("wie regelt dat?", role="begeleider"), {})
    assert texts(dispatcher) == [f"Voor je cliënt, in eenvoudige woorden: {ZOU_INKOMEN.kort_line('wie')}"]


async def test_a_question_with_its_own_topic_is_searched_as_usual(case_store):
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(dispatcher, in_form("wat is het wijkteam?"), {})
    answered = next(e["value"] for e in events if e.get("name") == "laatste_kennis_id")
    assert answered != ZOU_INKOMEN.id and "wijkteam" in answered


async def test_an_unclear_question_about_the_item_is_answered_in_the_fallback_too(case_store):
    dispatcher = CollectingDispatcher()
    await ActionFallbackKnowledge().run(dispatcher, in_form("en wie doet dat dan", intent="nlu_fallback"), {})
    assert texts(dispatcher) == [ZOU_INKOMEN.kort_line("wie")]


async def test_not_understood_in_the_checklist_gets_the_item_in_simpler_words(case_store):
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, in_form("snap ik niet", intent="niet_begrepen"), {})
    assert texts(dispatcher) == [ZOU_INKOMEN.kort_line("uitleg")]
    assert [f.entry_id for f in case_store.feedback(("onduidelijk",))] == [ZOU_INKOMEN.id]


async def test_not_understood_in_the_criteria_check_explains_that_criterion(case_store):
    tracker = in_form("huh wat bedoel je", form="criteria_form", slot="criterium_2", intent="niet_begrepen")
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, tracker, {})
    assert texts(dispatcher) == [KB.by_id("zou-twee-jaar-begeleiding").kort_line("uitleg")]


def after_answer(entry_id: str, role: str = "client") -> Tracker:
    """The knowledge base answered with `entry_id`; then the user says they did not understand."""
    slots = {
        "regio": "zuidoost-utrecht",
        "rol": role,
        "laatste_kennis_id": entry_id,
        "laatste_vraag": "vraag",
    }
    latest = {"text": "snap ik niet", "intent": {"name": "niet_begrepen", "confidence": 0.9}, "entities": []}
    events = [
        {"event": "user", "text": "vraag"},
        {"event": "slot", "name": "laatste_kennis_id", "value": entry_id},
        {"event": "user", "text": "snap ik niet", "parse_data": latest},
    ]
    return Tracker("u1", slots, latest, events, False, None, {}, "action_listen")


async def test_not_understood_after_an_answer_gives_its_plain_line(case_store):
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, after_answer(ZOU_INKOMEN.id), {})
    assert texts(dispatcher) == [f"Ik zeg het eenvoudiger. {ZOU_INKOMEN.kort_line('uitleg')}"]
    assert [(f.entry_id, f.question) for f in case_store.feedback(("onduidelijk",))] == [
        (ZOU_INKOMEN.id, "vraag")
    ]


async def test_not_understood_without_a_plainer_text_offers_the_begeleider(case_store, monkeypatch):
    """Every entry has an uitleg now; one added without it still gets an honest way on."""
    plain = dataclasses.replace(KB.by_id("zou-drie-fasen"), kort=())
    kb = dataclasses.replace(KB, entries=[plain if e.id == plain.id else e for e in KB.entries])
    monkeypatch.setattr(actions.item_questions, "default_knowledge_base", lambda: kb)
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, after_answer(plain.id), {})
    assert "Je begeleider kan het samen met je doornemen" in texts(dispatcher)[0]
    assert dispatcher.messages[0]["buttons"] == [
        {"title": "Stuur mijn begeleider een bericht", "payload": "/mens_spreken"}
    ]


async def test_a_begeleider_who_did_not_follow_gets_the_client_text(case_store):
    plain = KB.by_id("zou-drie-fasen")
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, after_answer(plain.id, role="begeleider"), {})
    assert texts(dispatcher) == [f"Korter, in de woorden voor cliënten:\n{plain.client}"]


async def test_not_understood_out_of_the_blue_asks_what_the_user_wants_to_know(case_store):
    tracker = Tracker("u2", {}, {"text": "huh", "intent": {"name": "niet_begrepen"}, "entities": []},
                      [{"event": "user", "text": "huh"}], False, None, {}, "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, tracker, {})
    assert texts(dispatcher)[0].startswith("Sorry, dat was niet duidelijk van mij.")
    assert case_store.feedback(("onduidelijk",)) == []


async def test_after_a_question_in_between_the_item_is_asked_again_in_one_line(case_store):
    shown = [
        {"event": "action", "name": "action_documenten_intro"},
        {"event": "slot", "name": "requested_slot", "value": "document_1"},  # shown once
        {"event": "user", "text": "wie regelt dat?"},
        {"event": "slot", "name": "requested_slot", "value": "document_1"},  # the form asks again
    ]
    dispatcher = CollectingDispatcher()
    await ActionAskDocument1().run(dispatcher, in_form("wie regelt dat?", events=shown), {})
    assert texts(dispatcher) == ["Verder met papier 1 van 5: Inkomensverklaring. Heb je dit al?"]
    first = CollectingDispatcher()
    asked_once = [{"event": "action", "name": "action_documenten_intro"},
                  {"event": "slot", "name": "requested_slot", "value": "document_1"}]  # fmt: skip
    await ActionAskDocument1().run(first, in_form("welke papieren", events=asked_once), {})  # the whole text
    assert (
        texts(first)[0].startswith("Papier 1 van 5: Inkomensverklaring\n\n")
        and ZOU_INKOMEN.client in texts(first)[0]
    )


async def test_the_criteria_check_reminds_in_one_line_too(case_store):
    shown = [
        {"event": "action", "name": "action_klaar_intro"},
        {"event": "slot", "name": "requested_slot", "value": "criterium_2"},
        {"event": "slot", "name": "requested_slot", "value": "criterium_2"},
    ]
    tracker = in_form("ok", form="criteria_form", slot="criterium_2", events=shown)
    dispatcher = CollectingDispatcher()
    await ActionAskCriterium2().run(dispatcher, tracker, {})
    assert texts(dispatcher) == [
        "Verder met vraag 2 van 3: Je accepteert twee jaar begeleiding na de verhuizing. Klopt dat voor jou?"
    ]


def at_place_question(text: str, answered_by: str | None = None, role: str = "begeleider") -> Tracker:
    """A checklist form waits for the place (region unknown); the user writes `text`. As the form's
    validation action sees it: the form's own run last; with `answered_by`, the form first rejected
    the message and that action answered it in between."""
    latest = {"text": text, "intent": {"name": "niet_begrepen"}, "entities": []}
    events = [{"event": "action", "name": "action_klaar_intro"}, {"event": "user", "text": text},
              {"event": "action", "name": "action_extract_slots"}]  # fmt: skip
    if answered_by:
        events += [{"event": "action_execution_rejected", "name": "criteria_form"},
                   {"event": "action", "name": answered_by}]  # fmt: skip
    events += [{"event": "action", "name": "criteria_form"}]
    slots = {"requested_slot": "gemeente", "rol": role}
    return Tracker("p1", slots, latest, events, False, None, {"name": "criteria_form"}, "criteria_form")


async def test_not_understood_at_the_place_question_says_why_it_asks(case_store):
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, at_place_question("mijn cliënt snapt dit niet"), {})
    assert texts(dispatcher) == [
        "Ik vraag in welke gemeente je cliënt woont: de voorwaarden en papieren verschillen per regio. "
        "Typ de gemeente, bijvoorbeeld Zeist of Hoorn."
    ]


async def test_a_begeleider_is_not_told_to_ask_their_begeleider(case_store):
    tracker = Tracker("u3", {"rol": "begeleider"}, {"text": "huh", "intent": {"name": "niet_begrepen"}},
                      [{"event": "user", "text": "huh"}], False, None, {}, "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionUitleg().run(dispatcher, tracker, {})
    assert "begeleider" not in texts(dispatcher)[0]


def test_the_place_question_reads_only_the_message_meant_for_it():
    """After "wie controleert dat?" was answered in between, the form resumes on that message: it is
    no unknown place. A short answer the form receives itself, naming no place we know, is."""
    resumed = CollectingDispatcher()
    assert unknown_place(resumed, at_place_question("Atlantis", "action_answer_knowledge")) == {}
    assert resumed.messages == []
    own = CollectingDispatcher()
    atlantis = at_place_question("Atlantis")
    atlantis.latest_message["intent"] = {"name": "afscheid", "confidence": 0.64}  # as the model read it
    assert unknown_place(own, atlantis) == {"gemeente": None}
    assert texts(own)[0].startswith("Die plaats ken ik niet.")
    others = [("wie controleert dat", "vraag_procedure", 0.7, []), ("laat maar", "stop", 0.8, []),
              ("Hoorn", "inform_plaats", 1.0, [{"entity": "plaats", "value": "Hoorn"}])]  # fmt: skip
    for text, intent, confidence, entities in others:
        tracker = at_place_question(text)
        tracker.latest_message["intent"] = {"name": intent, "confidence": confidence}
        tracker.latest_message["entities"] = entities
        assert unknown_place(CollectingDispatcher(), tracker) == {}, text


async def test_a_begeleider_is_asked_about_their_client(case_store):
    tracker = in_form("ok", role="begeleider", form="criteria_form", slot="criterium_2")
    dispatcher = CollectingDispatcher()
    await ActionAskCriterium2().run(dispatcher, tracker, {})
    assert texts(dispatcher)[0].endswith("\nKlopt dat voor je cliënt?")


async def test_a_when_question_read_as_own_dossier_still_gets_the_item(case_store):
    """ "wanneer heb ik dat nodig" is often read as the client's own deadlines (vraag_volgende_stap):
    in a checklist, "dat" is the item on screen."""
    dispatcher = CollectingDispatcher()
    tracker = in_form("wanneer heb ik dat nodig", intent="vraag_volgende_stap")
    await ActionCaseVolgendeStap().run(dispatcher, tracker, {})
    assert texts(dispatcher) == [ZOU_INKOMEN.kort_line("wanneer")]


async def test_a_question_at_the_place_question_is_answered_once_the_place_is_known(case_store):
    """ "wie controleert dat?" before the region is known: not a second place question (the form asks
    it), and the answer comes right after the place, not never."""
    asked = at_place_question("hoe meld ik me aan voor de uitstroomregeling", role="client")
    asked.latest_message["intent"] = {"name": "vraag_procedure"}
    first = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(first, asked, {})
    assert texts(first) == ["Die vraag beantwoord ik zodra ik weet over welke plaats het gaat."]
    pending = next(e["value"] for e in events if e.get("name") == "open_vraag")
    place = at_place_question("Hoorn", role="client")
    place.slots["open_vraag"] = pending
    place.latest_message.update({"intent": {"name": "inform_plaats"},
                                 "entities": [{"entity": "plaats", "value": "Hoorn"}]})  # fmt: skip
    assert unknown_place(CollectingDispatcher(), place) == {}  # the form leaves a known place to the rule
    then = CollectingDispatcher()
    events = await ActionSetPlace().run(then, place, {})
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert slots["regio"] == "westfriesland" and slots["open_vraag"] is None
    assert slots["laatste_kennis_id"].startswith("wf-")  # Westfriesland's answer to the question
    assert "Dit geldt voor Westfriesland." in "\n".join(texts(then))


async def test_a_question_no_line_of_the_item_answers_is_not_guessed(case_store):
    """ "is dat verplicht?" had no words to search with: it got another region's rule as a topic."""
    dispatcher = CollectingDispatcher()
    await ActionAnswerKnowledge().run(dispatcher, in_form("is dat verplicht?"), {})
    assert texts(dispatcher) == ["Dat weet ik niet over dit onderdeel. Je begeleider kan het je vertellen."]
    gaps = case_store.feedback(("onbeantwoord",))
    assert [(f.entry_id, f.question) for f in gaps] == [
        (ZOU_INKOMEN.id, "Inkomensverklaring: is dat verplicht?")
    ]


def test_a_begeleider_may_name_the_client_in_a_short_question_about_the_item():
    assert about_the_item("Wanneer moet dit uiterlijk binnen zijn voor mijn cliënt?")
    assert about_the_item("wie vraagt dat aan voor de cliënt")
    assert not about_the_item("wat doet het wijkteam voor mijn cliënt")  # a topic of its own


@pytest.mark.parametrize(("answered_by", "expected"), [(None, "binnen"), ("action_feedback", None)])
async def test_a_typed_thumb_answers_the_checklist_only_once(case_store, answered_by, expected):
    """👍 to "Heb je dit al?" is yes. Had it been taken as a rating first, the form resumes on the same
    message: that must not also fill the item."""
    tracker = in_form("👍", intent="feedback")
    tracker.events += [{"event": "action", "name": "action_extract_slots"}]
    if answered_by:
        tracker.events += [{"event": "action_execution_rejected", "name": "documenten_form"},
                           {"event": "action", "name": answered_by}]  # fmt: skip
    tracker.events += [{"event": "action", "name": "documenten_form"}]
    domain = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text("utf-8"))
    events = await ValidateDocumentenForm().get_extraction_events(CollectingDispatcher(), tracker, domain)
    assert {e["name"]: e["value"] for e in events}.get("document_1") == expected


async def test_right_after_a_question_in_between_that_is_what_dat_means(case_store):
    """ "wat is een veldtafel" answered in the checklist, then "duurt dat lang?": about the veldtafel,
    not "Dat weet ik niet over dit onderdeel" about the item on screen. "wat is dat?" is the item."""
    answered = [{"event": "action", "name": "action_documenten_intro"},
                {"event": "user", "text": "wat is een veldtafel"},
                {"event": "action", "name": "action_answer_knowledge"},
                {"event": "slot", "name": "laatste_kennis_id", "value": "ams-veldtafel"},
                {"event": "action", "name": "documenten_form"}]  # fmt: skip
    tracker = in_form("duurt dat lang?", region="amsterdam", events=answered)
    assert not await answer_about_item(CollectingDispatcher(), tracker)
    assert await answer_about_item(CollectingDispatcher(), in_form("duurt dat lang?", region="amsterdam"))
    what = in_form("wat is dat eigenlijk?", region="amsterdam", events=answered)
    assert await answer_about_item(CollectingDispatcher(), what)
