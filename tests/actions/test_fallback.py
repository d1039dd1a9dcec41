"""Two-stage fallback: "Bedoel je…?" with readable buttons first, an honest "weet ik niet" the second time."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallbackKnowledge
from actions.feelings import says_how_they_feel
from actions.knowledge import ActionAnswerKnowledge

UNCLEAR = "en hoe zit het dan met dat ding van vorige week"
RANKING = [
    {"name": "nlu_fallback", "confidence": 0.55},
    {"name": "klaar_check", "confidence": 0.31},
    {"name": "caseload_vraag", "confidence": 0.2},
    {"name": "groet", "confidence": 0.15},
]


def tracker(events: list[dict], slots: dict | None = None, text: str = UNCLEAR) -> Tracker:
    latest = {"text": text, "intent": RANKING[0], "intent_ranking": RANKING, "entities": []}
    user = {"event": "user", "text": text, "parse_data": latest}
    return Tracker("t1", {"rol": None, "regio": None, "gemeente": None, **(slots or {})}, latest,
                   [*events, user], False, None, {}, "action_listen")  # fmt: skip


async def run(t: Tracker) -> tuple[list[dict], list[dict]]:
    dispatcher = CollectingDispatcher()
    events = await ActionFallbackKnowledge().run(dispatcher, t, {})
    return dispatcher.messages, events


async def test_first_time_offers_readable_meanings_as_buttons(case_store) -> None:
    messages, events = await run(tracker([]))
    assert messages[0]["text"].startswith("Ik weet niet zeker wat je bedoelt")
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[0] == "Kijken of ik klaar ben om te verhuizen"
    assert "Overzicht van mijn cliënten" not in titles  # a begeleider-only meaning is not offered to a client
    assert all("_" not in t for t in titles)  # labels, never intent names
    assert {"event": "slot", "name": "fallback_stap", "value": 1, "timestamp": None} in events


async def test_a_begeleider_is_offered_meanings_in_their_own_words(case_store) -> None:
    messages, _ = await run(tracker([], slots={"rol": "begeleider"}))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[:2] == ["De criteria doorlopen voor een cliënt", "Overzicht van mijn cliënten"]


async def test_second_time_in_a_row_says_honestly_it_does_not_know_and_logs_the_question(case_store) -> None:
    earlier = [
        {"event": "user", "text": "iets onduidelijks"},
        {"event": "action", "name": "action_fallback_knowledge"},
        {"event": "action", "name": "action_listen"},
    ]
    messages, _ = await run(tracker(earlier, {"fallback_stap": 1}))
    assert messages[0]["text"].startswith("Dat weet ik niet")
    assert [b["title"] for b in messages[0]["buttons"]][0] == "Met een mens praten"
    assert [f.question for f in case_store.feedback(("onbeantwoord",))] == [UNCLEAR]
    # A begeleider is not told that their begeleider can help: where to ask about the procedure.
    messages, _ = await run(tracker(earlier, {"fallback_stap": 1, "rol": "begeleider"}))
    assert "uitstroomcoördinator" in messages[0]["text"] and "Je begeleider" not in messages[0]["text"]
    assert [b["title"] for b in messages[0]["buttons"]][0] == "Contact in de regio"


async def test_an_understood_turn_in_between_starts_over_at_stage_one(case_store) -> None:
    earlier = [
        {"event": "user", "text": "iets onduidelijks"},
        {"event": "action", "name": "action_fallback_knowledge"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "wat is een perspectiefplan"},
        {"event": "action", "name": "action_answer_knowledge"},
        {"event": "action", "name": "action_listen"},
    ]
    messages, _ = await run(tracker(earlier, {"fallback_stap": 1}))
    assert messages[0]["text"].startswith("Ik weet niet zeker wat je bedoelt")


def feeling(text: str, role: str = "client", intent: str = "nlu_fallback") -> Tracker:
    """A first message in Zuidoost-Utrecht that says how the writer feels."""
    latest = {"text": text, "intent": {"name": intent}, "intent_ranking": [], "entities": []}
    slots = {"rol": role, "regio": "zuidoost-utrecht"}
    return Tracker("g1", slots, latest, [{"event": "user", "text": text}], False, None, {}, "action_listen")


async def test_a_client_who_says_they_are_afraid_hears_that_first(case_store):
    dispatcher = CollectingDispatcher()
    await ActionFallbackKnowledge().run(dispatcher, feeling("ik vind het eng om alleen te wonen"), {})
    said = [m["text"] for m in dispatcher.messages]
    assert said[0].startswith("Dat is begrijpelijk. Een eigen huis is een grote stap")
    assert not any("Ik weet niet zeker" in t or "Dat weet ik niet" in t for t in said)
    assert dispatcher.messages[-1]["buttons"][-1]["payload"] == "/mens_spreken"


async def test_a_begeleider_gets_no_comforting(case_store):
    dispatcher = CollectingDispatcher()
    await ActionFallbackKnowledge().run(
        dispatcher, feeling("mijn cliënt is bang voor de verhuizing", "begeleider"), {}
    )
    assert not any("Dat is begrijpelijk" in (m.get("text") or "") for m in dispatcher.messages)


async def test_a_worried_question_gets_topics_without_doubt(case_store):
    """ "ik ben bang dat ik geen huis krijg" is read as a question: after the acknowledgement, topics are
    offered as help, not with "Dat weet ik niet zeker"."""
    dispatcher = CollectingDispatcher()
    tracker = feeling("ik ben bang dat ik geen huis krijg", intent="vraag_procedure")
    await ActionAnswerKnowledge().run(dispatcher, tracker, {})
    said = [m["text"] for m in dispatcher.messages]
    assert said[0].startswith("Dat is begrijpelijk.")
    assert not any("Dat weet ik niet" in t for t in said)


async def test_a_client_fed_up_with_their_begeleider_is_not_sent_back_to_them(case_store):
    dispatcher = CollectingDispatcher()
    tracker = feeling("mijn begeleider reageert nooit, ik ben er klaar mee")
    await ActionFallbackKnowledge().run(dispatcher, tracker, {})
    said = " ".join(m.get("text") or "" for m in dispatcher.messages)
    assert said.startswith("Vervelend dat het zo gaat.") and "andere medewerker van je woonplek" in said
    assert "praten met je begeleider" not in said and "Praat erover met je begeleider" not in said


async def test_he_never_calls_back_right_after_the_handoff_is_about_the_begeleider(case_store):
    text = "hij belt nooit terug"
    latest = {"text": text, "intent": {"name": "nlu_fallback"}, "intent_ranking": [], "entities": []}
    events = [{"event": "user", "text": "ik wil mijn begeleider spreken"},
              {"event": "action", "name": "action_handoff"}, {"event": "action", "name": "action_listen"},
              {"event": "user", "text": text}]  # fmt: skip
    tracker = Tracker("h1", {"rol": "client", "regio": "noordoostpolder"}, latest, events, False, None, {},
                      "action_listen")  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionFallbackKnowledge().run(dispatcher, tracker, {})
    assert [m["text"] for m in dispatcher.messages] == [
        "Vervelend dat het zo gaat. Lukt het niet met je begeleider? Vraag dan een andere medewerker van je "
        "woonplek om hulp."
    ]  # it got "Ik weet niet zeker wat je bedoelt" with "Terug naar je oude gemeente?"
    assert not any(m.get("buttons") for m in dispatcher.messages)


@pytest.mark.parametrize(
    ("text", "feeling"),
    [
        ("ik maak me zorgen over mijn schulden", True),
        ("ik zie er tegenop om te verhuizen", True),
        ("best spannend allemaal", True),
        ("ik ben er klaar mee", True),
        ("mijn begeleider reageert nooit", True),
        ("ze neemt nooit op", True),
        ("ik hoor niks meer van hem", True),
        ("wie belt de corporatie", False),
        ("ben je klaar met de lijst?", False),
        ("wie moet zorgen voor de huur", False),
        ("wat is het stappenplan wonen", False),
    ],
)
def test_what_counts_as_saying_how_one_feels(text, feeling):
    assert says_how_they_feel(text) is feeling
