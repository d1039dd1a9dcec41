"""The validation both checklist forms share: the place first when the region is unknown (and a
question asked meanwhile answered once it is known), then one slot per regional item."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import FormValidationAction

from actions.checklist import extract_gemeente, items_for
from actions.knowledge import answer_pending_question


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
        if not place:
            return place
        # A question asked while the form waited for the place ("wie controleert dat?"), answered now.
        events = await answer_pending_question(dispatcher, tracker, place["gemeente"], place["regio"])
        return place | {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
