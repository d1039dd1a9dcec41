"""Answers input the NLU could not read, and a typed BSN (kinds noted by InputGuard, rasa/uitstroom_nlu)."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from actions.identity import known_asker
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


class ActionGeenBsn(Action):
    """A BSN typed into the chat (InputGuard): not needed and not kept (the tracker stores write
    [BSN]). Its own action, not a response: a personal link says who is asking only to actions."""

    def name(self) -> str:
        return "action_geen_bsn"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        asker, events = await known_asker(tracker)
        say(dispatcher, "geen_bsn", asker.audience)
        return events
