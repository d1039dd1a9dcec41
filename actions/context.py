"""Region and role: taken from what the user said, kept in slots."""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from actions.identity import identify, known_asker
from actions.knowledge import answer_pending_question
from actions.messages import say
from actions.places import place_confirmation, place_events, place_from_message


class ActionSetPlace(Action):
    def name(self) -> str:
        return "action_set_place"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        place = place_from_message(tracker)
        if place is None:
            say(dispatcher, "plaats_onbekend")
            return []
        # An identified begeleider's first message may be the place: they name their client's gemeente.
        asker, events = await known_asker(tracker)
        events += place_events(*place)
        dispatcher.utter_message(text=place_confirmation(*place, audience=asker.audience))
        return events + await answer_pending_question(dispatcher, tracker, *place)


ROLE_WORDS = (
    "begeleider",
    "hulpverlener",
    "casemanager",
    "professional",
    "medewerker",
    "werk als",
    "werk bij",
)
# "mijn cliënt woont in Hoorn": whoever has clients is a begeleider.
HAS_CLIENTS = re.compile(
    r"\b(?:mijn|onze|ons)\s+cli[eë]nte?n?\b|\bcli[eë]nte?n?\s+van\s+(?:mij|ons)\b", re.IGNORECASE
)


class ActionSetRole(Action):
    def name(self) -> str:
        return "action_set_role"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        # A personal link or a channel account says who this is; the conversation cannot change that
        # ("mijn cliënt woont in Hoorn" once turned an identified begeleider into a client).
        identity = await identify(tracker)
        known = identity.role in ("client", "begeleider")
        role = identity.role if known else role_from_message(tracker)
        place = place_from_message(tracker)
        events: list[dict] = [SlotSet("rol", role)]
        if not (known and place):
            if role == "begeleider":
                dispatcher.utter_message(
                    text="Goed om te weten. Ik geef je de volledige procedure: "
                    "wie wat doet, welk formulier en welke termijn."
                )
            else:
                dispatcher.utter_message(text="Fijn dat je het vertelt. Ik leg het je stap voor stap uit.")
        if place:
            events += place_events(*place)
            dispatcher.utter_message(text=place_confirmation(*place, audience=role))
            answered = await answer_pending_question(dispatcher, tracker, *place, audience=role)
            if answered:  # "ik woon in de opvang in Zeist" answering "In welke plaats woon je?"
                return events + answered
        # Said who they are and nothing else: offer where to start instead of falling silent.
        next_step = "utter_vervolg_begeleider" if role == "begeleider" else "utter_vervolg"
        dispatcher.utter_message(response=next_step)
        return events


def role_from_message(tracker: Tracker) -> str:
    """The RoleExtractor's entity first ("ik ben geen begeleider, ik ben cliënt" -> client); the word
    list only when it found nothing; "ik woon in de opvang" and the like say client."""
    role = next(tracker.get_latest_entity_values("rol"), None)
    if role in ("client", "begeleider"):
        return role
    text = (tracker.latest_message.get("text") or "").lower()
    is_worker = any(w in text for w in ROLE_WORDS) and "mijn begeleider" not in text
    return "begeleider" if is_worker or HAS_CLIENTS.search(text) else "client"
