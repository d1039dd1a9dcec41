"""👍/👎 after an answer, and a comment that follows a 👎."""

from __future__ import annotations

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback import ActionFeedback

DOWN = {"text": '/feedback{"oordeel": "slecht"}', "intent": {"name": "feedback"},
        "entities": [{"entity": "oordeel", "value": "slecht"}]}  # fmt: skip


def after(previous: dict | None, text: str) -> Tracker:
    slots = {"laatste_vraag": "wat is de uitstroomregeling", "laatste_kennis_id": "wf-uitstroomregeling-wat",
             "regio": "westfriesland"}  # fmt: skip
    latest = {"text": text, "intent": {"name": "feedback"}, "entities": []}
    first = {"intent": {"name": "vraag_procedure"}}
    events = [{"event": "user", "text": "wat is de uitstroomregeling", "parse_data": first}]
    if previous:
        events += [{"event": "user", "text": previous["text"], "parse_data": previous},
                   {"event": "action", "name": "action_feedback"}]  # fmt: skip
    events.append({"event": "user", "text": text, "parse_data": latest})
    return Tracker("fb", slots, latest, events, False, None, {}, "action_listen")


async def test_a_comment_after_thumbs_down_is_its_reason_not_praise(case_store) -> None:
    dispatcher = CollectingDispatcher()
    await ActionFeedback().run(dispatcher, after(DOWN, "het antwoord was lang en ingewikkeld"), {})
    assert dispatcher.messages[0]["text"].startswith("Dank je, dat geef ik door")  # was "Fijn!"
    stored = case_store.feedback(("slecht",))
    assert [f.comment for f in stored] == ["het antwoord was lang en ingewikkeld"]


async def test_praise_without_a_rating_before_it_stays_praise(case_store) -> None:
    dispatcher = CollectingDispatcher()
    await ActionFeedback().run(dispatcher, after(None, "top, duidelijk antwoord"), {})
    assert dispatcher.messages[0]["text"].startswith("Fijn!")
