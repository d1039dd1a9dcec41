"""The greeting and "wat kun je?", for who is asking: a client (with or without their dossier, who
may say how they feel) or a begeleider.

A personal link or a channel account tells who is there before they say so, so an identified
begeleider is greeted with the procedure and their caseload, not with a client's route.
"""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import region_label
from actions.common import never_crash
from actions.feelings import says_how_they_feel
from actions.identity import identify, known_asker
from actions.messages import messages

CASELOAD_BUTTON = {"title": "Mijn cliënten", "payload": "Overzicht van mijn cliënten"}
# "Wat kun je?" about using the chat: voice messages, starting over.
VOICE = re.compile(r"spraak|inspreken|voice|audio|geluidsbericht|\bstem\b|\bpraten tegen\b", re.IGNORECASE)
RESTART = re.compile(
    r"\b(opnieuw|overnieuw) (beginnen|starten)\b|\breset\b|\bherstart|terug naar (het )?begin", re.IGNORECASE
)


class ActionGroet(Action):
    def name(self) -> str:
        return "action_groet"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        asker, events = await known_asker(tracker)
        if asker.audience == "begeleider":
            identified = (await identify(tracker)).role == "begeleider"
            dispatcher.utter_message(
                response="utter_groet_begeleider", buttons=[CASELOAD_BUTTON] if identified else []
            )
        elif says_how_they_feel(tracker.latest_message.get("text") or ""):
            dispatcher.utter_message(response="utter_groet_gevoel")
        else:
            dispatcher.utter_message(response="utter_groet")
        return events


class ActionWatKunJe(Action):
    def name(self) -> str:
        return "action_wat_kun_je"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        asker, events = await known_asker(tracker)
        text = tracker.latest_message.get("text") or ""
        usage = messages()["gebruik"]
        if VOICE.search(text):
            dispatcher.utter_message(text=usage["spraak"])
        elif RESTART.search(text):
            dispatcher.utter_message(text=usage["opnieuw"])
        if asker.audience == "begeleider":
            dispatcher.utter_message(response="utter_wat_kun_je_begeleider")
        elif asker.region is None:
            dispatcher.utter_message(response="utter_wat_kun_je")
        else:
            own = (await identify(tracker)).role == "client"
            response = "utter_wat_kun_je_eigen" if own else "utter_wat_kun_je_regio"
            dispatcher.utter_message(response=response, regio_naam=region_label(asker.region))
        return events
