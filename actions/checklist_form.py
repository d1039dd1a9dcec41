"""The validation both checklist forms share: the place first when the region is unknown, then one
slot per regional item."""

from __future__ import annotations

from abc import ABC, abstractmethod

from rasa_sdk import FormValidationAction
from rasa_sdk.events import SlotSet

from actions.checklist import form_receives_message, items_for, unknown_place
from actions.feedback import polarity
from actions.item_questions import answer_about_item
from uitstroom.input_check import is_typed_rating
from uitstroom.text import QUESTION_WORDS, words

# A typed 👍 or 👎 to "Heb je dit al?" / "Klopt dat voor jou?" is yes or no, not a rating: a checklist
# answer shows no rating buttons.
RATING_ANSWERS = {
    "criterium": {"goed": "voldaan", "slecht": "niet_voldaan"},
    "document": {"goed": "binnen", "slecht": "nog_niet"},
}


class ChecklistFormValidation(FormValidationAction, ABC):
    """Both checklist forms: the place first when the region is unknown, then one slot per regional item."""

    slot_prefix: str  # "criterium" or "document"
    kind: str  # "criteria" or "documents" in knowledge/rules.yml
    limit: int  # slots the form has in domain.yml

    @abstractmethod
    def name(self) -> str:
        """The form's validate_<form> action name."""

    async def required_slots(self, domain_slots, dispatcher, tracker, domain):  # type: ignore[no-untyped-def]
        region = tracker.get_slot("regio")
        items = items_for(region, self.kind, self.limit)
        return ([] if region else ["gemeente"]) + [
            f"{self.slot_prefix}_{i}" for i in range(1, len(items) + 1)
        ]

    async def get_extraction_events(self, dispatcher, tracker, domain):  # type: ignore[no-untyped-def]
        events = await super().get_extraction_events(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot") or ""
        text = tracker.latest_message.get("text") or ""
        answering = requested.startswith(f"{self.slot_prefix}_") and form_receives_message(tracker)
        if answering and is_typed_rating(text):
            events.append(SlotSet(requested, RATING_ANSWERS[self.slot_prefix][polarity(text)]))
        return events

    async def get_validation_events(self, dispatcher, tracker, domain):  # type: ignore[no-untyped-def]
        events = await super().get_validation_events(dispatcher, tracker, domain)
        requested = tracker.get_slot("requested_slot") or ""
        text = tracker.latest_message.get("text") or ""
        filled = any(e.get("name") == requested and e.get("value") is not None for e in events)
        # "hoe weet ik dat?" was read as "weet ik niet": a message that starts with a question word is
        # no answer. If it is about the item, it is answered and the item is asked again.
        starts_as_question = next(iter(words(text)), "") in QUESTION_WORDS
        question = requested.startswith(f"{self.slot_prefix}_") and filled and starts_as_question
        if question and await answer_about_item(dispatcher, tracker):
            return [e for e in events if e.get("name") != requested] + [SlotSet(requested, None)]
        return events

    async def extract_gemeente(self, dispatcher, tracker, domain):  # type: ignore[no-untyped-def]
        return unknown_place(dispatcher, tracker)
