"""Region and role: taken from what the user said, kept in slots."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import asker_from, never_crash
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
        events = place_events(*place)
        audience = asker_from(tracker).audience
        dispatcher.utter_message(text=place_confirmation(*place, audience=audience))
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


class ActionSetRole(Action):
    def name(self) -> str:
        return "action_set_role"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        # The RoleExtractor's entity first ("ik ben geen begeleider, ik ben cliënt" -> client); the word
        # list only when it found nothing.
        role = next(tracker.get_latest_entity_values("rol"), None)
        if role not in ("client", "begeleider"):
            text = (tracker.latest_message.get("text") or "").lower()
            is_worker = any(w in text for w in ROLE_WORDS) and "mijn begeleider" not in text
            role = "begeleider" if is_worker else "client"
        if role == "begeleider":
            dispatcher.utter_message(
                text="Goed om te weten. Ik geef je de volledige procedure: "
                "wie wat doet, welk formulier en welke termijn."
            )
        else:
            dispatcher.utter_message(text="Fijn dat je het vertelt. Ik leg het je stap voor stap uit.")
        events: list[dict] = [SlotSet("rol", role)]
        place = place_from_message(tracker)
        if place:
            events += place_events(*place)
        return events
