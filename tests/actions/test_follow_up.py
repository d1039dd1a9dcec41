"""A short question that points back at the answer just given is read with the earlier question."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallbackKnowledge
from actions.knowledge import ActionAnswerKnowledge

EARLIER = "wat is de uitstroomtafel"
EARLIER_ENTRY = "nop-uitstroomtafel-wat"


def tracker(
    text: str,
    answered_before: bool = True,
    intent: str = "vraag_procedure",
    earlier: tuple[str, str, str, str] = (EARLIER, EARLIER_ENTRY, "noordoostpolder", "Noordoostpolder"),
) -> Tracker:
    """The assistant answered `earlier` (question, entry, region, gemeente; by default EARLIER in
    Noordoostpolder), then the user writes `text`."""
    question, entry, region, gemeente = earlier
    slots = {"regio": region, "gemeente": gemeente, "rol": "client",
             "laatste_kennis_id": entry, "laatste_vraag": question}  # fmt: skip
    events = [
        {"event": "user", "text": question},
        {"event": "slot", "name": "laatste_kennis_id", "value": entry},
        {"event": "slot", "name": "laatste_vraag", "value": question},
    ]
    if not answered_before:  # something else came in between
        events += [{"event": "user", "text": "oké"}, {"event": "bot", "text": "Fijn."}]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "intent_ranking": [],
        "entities": [],
    }
    events.append({"event": "user", "text": text, "parse_data": latest})
    return Tracker("f1", slots, latest, events, False, None, {}, "action_listen")


def answered_entry(events: list[dict]) -> str | None:
    return next((e["value"] for e in events if e.get("name") == "laatste_kennis_id"), None)


async def test_a_follow_up_is_answered_about_the_topic_just_discussed(case_store) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(dispatcher, tracker("wie zitten daarbij?"), {})
    assert answered_entry(events) == "nop-tafel1-wie"  # who is at the first uitstroomtafel
    assert "Bedoel je" not in dispatcher.messages[0]["text"]


async def test_the_general_route_does_not_overrule_the_regions_answer_just_given(case_store) -> None:
    # Zuidoost-Utrecht: you request the inkomensverklaring from the Belastingdienst yourself. The
    # general route's entry on the same topic says the zorgaanbieder provides it: not an answer here.
    earlier = ("wat is een inkomensverklaring", "zou-inkomensverklaring", "zuidoost-utrecht", "Zeist")
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(dispatcher, tracker("waar haal ik die", earlier=earlier), {})
    assert answered_entry(events) != "alg-inkomensverklaring"
    assert "zorgaanbieder levert" not in " ".join(m.get("text") or "" for m in dispatcher.messages)
    offered = [b["payload"] for m in dispatcher.messages for b in m.get("buttons") or []]
    assert not any("alg-inkomensverklaring" in payload for payload in offered)  # nor as a topic to pick


async def test_without_the_answer_just_before_the_words_alone_count(case_store) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(
        dispatcher, tracker("wie zitten daarbij?", answered_before=False), {}
    )
    assert answered_entry(events) is None  # too few words to be sure: topics to choose from, no guess
    assert dispatcher.messages[0]["buttons"]


async def test_a_new_question_is_not_bent_towards_the_earlier_topic(case_store) -> None:
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerKnowledge().run(dispatcher, tracker("hoe schrijf ik me in bij woningnet"), {})
    assert answered_entry(events) == "nop-woningnet-inschrijven"


async def test_a_follow_up_the_nlu_was_unsure_about_is_answered_too(case_store) -> None:
    dispatcher = CollectingDispatcher()
    t = tracker("wie zitten daarbij?", intent="nlu_fallback")
    events = await ActionFallbackKnowledge().run(dispatcher, t, {})
    assert answered_entry(events) == "nop-tafel1-wie"


async def test_a_short_question_no_other_entry_answers_gets_the_topics_own_line(case_store) -> None:
    # It got "Bedoel je…?": the follow-up search looks in other entries only, and the line is in this one.
    earlier = ("wat is een 3-partijenovereenkomst", "nop-driepartijenovereenkomst", "noordoostpolder", "Urk")
    for action, text in ((ActionAnswerKnowledge(), "wie moet die tekenen"),
                         (ActionFallbackKnowledge(), "wie moet die tekenen"),
                         (ActionAnswerKnowledge(), "moet ik die tekenen")):  # fmt: skip
        dispatcher = CollectingDispatcher()
        events = await action.run(dispatcher, tracker(text, earlier=earlier), {})
        said = [m["text"] for m in dispatcher.messages]
        assert said == ["Jij, de woningcorporatie (de verhuurder) en je zorgaanbieder tekenen het samen."]
        assert answered_entry(events) == "nop-driepartijenovereenkomst"  # the next short question too


async def test_without_a_line_for_the_aspect_it_is_not_made_up(case_store) -> None:
    earlier = ("wat is een 3-partijenovereenkomst", "nop-driepartijenovereenkomst", "noordoostpolder", "Urk")
    dispatcher = CollectingDispatcher()
    await ActionAnswerKnowledge().run(dispatcher, tracker("hoe vraag ik die aan", earlier=earlier), {})
    assert "Jij, de woningcorporatie" not in " ".join(m.get("text") or "" for m in dispatcher.messages)
