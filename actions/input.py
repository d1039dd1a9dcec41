"""Answers input the NLU could not read (kind noted by uitstroom_nlu.input_guard.InputGuard)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from actions.messages import say

KINDS = ("leeg", "geen_tekst", "onleesbaar")


class ActionBadInput(Action):
    def name(self) -> str:
        return "action_bad_input"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        kind = (tracker.latest_message.get("uitstroom_guard") or {}).get("kind")
        say(dispatcher, kind if kind in KINDS else "onleesbaar")
        return []
