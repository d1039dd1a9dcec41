"""Two-stage fallback: when the bot does not understand, first "Bedoel je…?", then an honest "weet ik niet".

Stage 1 (NLU unsure, or no rule fits): answer only if the knowledge base is
confident; otherwise offer the likeliest meanings as buttons with readable labels
(the top intents and the closest knowledge topics) and ask to rephrase.
Stage 2 (the next message is not understood either): say honestly that we do not
know, log the question for the content editors and offer a person.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash, previous_bot_turn
from actions.feelings import acknowledge_feeling, topics_intro
from actions.identity import known_asker, store
from actions.item_questions import answer_about_entry_just_given, answer_about_item
from actions.knowledge import (
    answer_threshold,
    follow_up_context,
    follow_up_search,
    give_answer,
    search,
    suggestion_buttons,
    without_general_twin,
)
from actions.messages import messages, say

ACTION_NAME = "action_fallback_knowledge"
FALLBACK_MARGIN = 0.1  # stricter than a normal question: NLU itself was unsure what this is
INTENT_CONFIDENCE = 0.12  # an intent this likely is worth a "Bedoel je…?" button
MAX_BUTTONS = 4
BEGELEIDER_ONLY = {"caseload_vraag"}


def intent_buttons(tracker: Tracker) -> list[dict]:
    begeleider = tracker.get_slot("rol") == "begeleider"
    texts = messages()["fallback_bedoel_je"]
    labels: dict[str, str] = texts["intent_labels_begeleider" if begeleider else "intent_labels"]
    ranking = tracker.latest_message.get("intent_ranking") or []
    if not begeleider:
        ranking = [i for i in ranking if i.get("name") not in BEGELEIDER_ONLY]
    return [
        {"title": labels[i["name"]], "payload": f"/{i['name']}"}
        for i in ranking
        if i.get("name") in labels and (i.get("confidence") or 0) >= INTENT_CONFIDENCE
    ][:2]


def previous_turn_not_understood(tracker: Tracker) -> bool:
    """True when the bot's last move before this message was a stage-1 fallback."""
    if not tracker.get_slot("fallback_stap"):
        return False
    for event in previous_bot_turn(tracker):
        if event.get("event") == "action" and event.get("name") != "action_listen":
            return event.get("name") == ACTION_NAME
    return False


class ActionFallbackKnowledge(Action):
    def name(self) -> str:
        return ACTION_NAME

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        text = tracker.latest_message.get("text") or ""
        asker, known = await known_asker(tracker)
        known.append(SlotSet("fallback_stap", None))  # stage 1 sets it again below
        if await answer_about_item(dispatcher, tracker):  # "en wie doet dat?" in a checklist
            return known
        felt = acknowledge_feeling(dispatcher, tracker)
        in_checklist = tracker.active_loop_name is not None
        context = follow_up_context(tracker)
        hits = without_general_twin(await search(text, asker), context)
        sure = hits and hits[0].confidence >= answer_threshold() + FALLBACK_MARGIN
        if sure and (asker.region or hits[0].entry.is_general):
            return known + give_answer(dispatcher, hits[0].entry, asker, text, in_checklist=in_checklist)
        # A follow-up on the answer just given ("wie zitten daarbij?") is unclear on its own, not in context.
        follow_up = await follow_up_search(text, context, asker, answer_threshold())
        if follow_up:
            question, (in_context, _) = follow_up
            if asker.region or in_context[0].entry.is_general:
                entry = in_context[0].entry
                return known + give_answer(dispatcher, entry, asker, question, in_checklist=in_checklist)
        elif not felt and (line := answer_about_entry_just_given(dispatcher, tracker)) is not None:
            return known + line
        if felt:  # no "Ik weet niet zeker wat je bedoelt" to someone who just said they are afraid
            await asyncio.to_thread(store().add_feedback, "onbeantwoord", text, None, asker.region)
            if felt == "begeleider_onbereikbaar":  # that acknowledgement said where to go; no topics
                return known
            topics = suggestion_buttons(hits, asker.audience)[:2]
            person = messages()["fallback_weet_niet"]["buttons"][:1]
            if topics:
                dispatcher.utter_message(text=topics_intro(felt), buttons=topics + person)
            else:
                dispatcher.utter_message(text=messages()["gevoel"]["begeleider"], buttons=person)
            return known
        if previous_turn_not_understood(tracker):
            await asyncio.to_thread(store().add_feedback, "onbeantwoord", text, None, asker.region)
            say(dispatcher, "fallback_weet_niet", asker.audience)
            return known
        buttons = (intent_buttons(tracker) + suggestion_buttons(hits, asker.audience))[:MAX_BUTTONS]
        if buttons:
            dispatcher.utter_message(text=messages()["fallback_bedoel_je"]["text"], buttons=buttons)
        else:
            say(dispatcher, "fallback", asker.audience)
        return known + [SlotSet("fallback_stap", 1)]
