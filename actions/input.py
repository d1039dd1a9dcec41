"""Answers input the NLU could not read (kind noted by uitstroom_nlu.input_guard.InputGuard)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash

RESPONSES = {"leeg": "utter_leeg", "geen_tekst": "utter_geen_tekst", "onleesbaar": "utter_onleesbaar"}


class ActionBadInput(Action):
    def name(self) -> str:
        return "action_bad_input"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        kind = (tracker.latest_message.get("uitstroom_guard") or {}).get("kind")
        dispatcher.utter_message(response=RESPONSES.get(kind or "", "utter_onleesbaar"))
        return []
