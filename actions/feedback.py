"""👍/👎 on knowledge answers, stored (redacted) for content editors; see `make feedback`."""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from actions.identity import store

NEGATIVE = ("👎", "niet", "niks", "slecht", "fout", "onduidelijk", "geen", "nutteloos", "klopt niet")


def polarity(text: str) -> str:
    lowered = text.lower()
    return "slecht" if any(word in lowered for word in NEGATIVE) else "goed"


class ActionFeedback(Action):
    def name(self) -> str:
        return "action_feedback"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        values = [
            e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "oordeel"
        ]
        text = tracker.latest_message.get("text") or ""
        kind = values[-1] if values in (["goed"], ["slecht"]) else polarity(text)
        comment = None if text.startswith("/") else text
        await asyncio.to_thread(
            store().add_feedback,
            kind,
            tracker.get_slot("laatste_vraag") or "",
            tracker.get_slot("laatste_kennis_id"),
            tracker.get_slot("regio"),
            comment,
        )
        if kind == "goed":
            dispatcher.utter_message(text="Fijn! Dank je voor je reactie.")
        else:
            dispatcher.utter_message(
                text="Dank je. Dit gaat naar de mensen die de antwoorden schrijven. "
                "Wil je het nog anders vragen? Of zeg: ik wil met een mens praten."
            )
        return []
