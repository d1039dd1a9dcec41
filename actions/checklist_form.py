"""The validation both checklist forms share: the place first when the region is unknown (and a
question asked meanwhile answered once it is known), then one slot per regional item."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import extract_gemeente, items_for
from actions.common import asker_from
from actions.knowledge import answer_question
from uitstroom.knowledge.answer import Asker


async def answer_open_question(dispatcher: CollectingDispatcher, tracker: Tracker, place: dict) -> dict:
    """A question asked while the checklist waited for the place ("wie controleert dat?"), answered now
    that the place is known; the slots that answer sets. {} when there was none."""
    pending = tracker.get_slot("open_vraag")
    if not pending or not place:
        return {}
    asker = Asker(audience=asker_from(tracker).audience, region=place["regio"], gemeente=place["gemeente"])
    events = await answer_question(dispatcher, pending, asker)
    return {"open_vraag": None} | {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


class ChecklistFormValidation(FormValidationAction, ABC):
    """Both checklist forms: the place first when the region is unknown, then one slot per regional item."""

    slot_prefix: str  # "criterium" or "document"
    kind: str  # "criteria" or "documents" in knowledge/rules.yml
    limit: int  # slots the form has in domain.yml
    topic: str  # what the place is used for, in the confirmation

    @abstractmethod
    def name(self) -> str:
        """The form's validate_<form> action name."""

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):  # type: ignore[no-untyped-def]
        region = tracker.get_slot("regio")
        items = items_for(region, self.kind, self.limit)
        return ([] if region else ["gemeente"]) + [
            f"{self.slot_prefix}_{i}" for i in range(1, len(items) + 1)
        ]

    async def extract_gemeente(self, dispatcher, tracker, domain):  # type: ignore[no-untyped-def]
        place = extract_gemeente(dispatcher, tracker, self.topic)
        return place | await answer_open_question(dispatcher, tracker, place)
