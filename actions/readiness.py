"""'Ben ik klaar om uit te stromen?': the region's criteria one at a time (criteria_form).

Each criterion is asked and explained in B1 Dutch; the answers are recorded in
the client's case when the chat is bound to one, or when an identified begeleider
names one of their clients ("is Fatima klaar om uit te stromen?"). The check can be
interrupted by a question and resumed, or stopped ("stop", "laat maar").
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import (
    ANSWER_BUTTONS,
    MAX_CRITERIA,
    checklist_client,
    checklist_start,
    checklist_summary,
    criteria_for,
    named_client_record,
    own_client,
    region_label,
    shown_before,
)
from actions.checklist_form import ChecklistFormValidation
from actions.common import never_crash
from actions.identity import store
from uitstroom.knowledge.model import default_knowledge_base


def criterion_label(criterion: dict, begeleider: bool) -> str:
    """A criterion as its asker reads it: to the client ("Je ..."), or about the client."""
    return criterion.get("label_begeleider", criterion["label"]) if begeleider else criterion["label"]


class ActionKlaarIntro(Action):
    def name(self) -> str:
        return "action_klaar_intro"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        start = await checklist_start(tracker)
        region, begeleider, events = start.region, start.begeleider, start.events
        if region is None:
            intro = (
                "We lopen de voorwaarden van de regio van je cliënt één voor één langs."
                if begeleider
                else "We lopen samen de voorwaarden van jouw regio langs. Eén voor één."
            )
        else:
            n = len(criteria_for(region))
            voor = f" voor {start.client_name}" if start.client_name else ""
            intro = f"We lopen samen {n} voorwaarden van {region_label(region)} langs{voor}. Eén voor één."
        events += [SlotSet(f"criterium_{i}", None) for i in range(1, MAX_CRITERIA + 1)]
        dispatcher.utter_message(
            text=intro + " Je kunt tussendoor iets vragen. Stoppen kan altijd: zeg dan stop."
        )
        return events


class ValidateCriteriaForm(ChecklistFormValidation):
    """Asks the place first when the region is not known yet; then the region's criteria."""

    slot_prefix, kind, limit = "criterium", "criteria", MAX_CRITERIA

    def name(self) -> str:
        return "validate_criteria_form"


def _ask_action(number: int) -> type[Action]:
    class AskCriterium(Action):
        def name(self) -> str:
            return f"action_ask_criterium_{number}"

        @never_crash
        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
            criteria = criteria_for(tracker.get_slot("regio"))
            criterion = criteria[number - 1]
            # A begeleider walks the check for a client: label, explanation and question are about them.
            begeleider = tracker.get_slot("rol") == "begeleider"
            named = checklist_client(tracker)
            whom = (named[1] if named else "je cliënt") if begeleider else "jou"
            check = f"Klopt dat voor {whom}?"
            label = criterion_label(criterion, begeleider)
            if shown_before(tracker, f"criterium_{number}", "action_klaar_intro"):
                reminder = f"Verder met vraag {number} van {len(criteria)}: {label}. {check}"
                dispatcher.utter_message(text=reminder, buttons=ANSWER_BUTTONS)
                return []
            entry = default_knowledge_base().by_id(criterion["entry"])
            audience = "begeleider" if begeleider else "client"
            explanation = entry.answer(audience).split(". ")[0].rstrip(".") + "."
            question = f"Vraag {number} van {len(criteria)}: {label}."
            dispatcher.utter_message(text=f"{question}\n{explanation}\n{check}", buttons=ANSWER_BUTTONS)
            return []

    AskCriterium.__name__ = f"ActionAskCriterium{number}"
    return AskCriterium


ActionAskCriterium1, ActionAskCriterium2, ActionAskCriterium3, ActionAskCriterium4 = (
    _ask_action(i) for i in range(1, MAX_CRITERIA + 1)
)


class ActionKlaarResultaat(Action):
    """After the last criterion: what is done, what is missing, who can help; stored when identified."""

    def name(self) -> str:
        return "action_klaar_resultaat"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        region = tracker.get_slot("regio")
        criteria = criteria_for(region)
        answers = [tracker.get_slot(f"criterium_{i}") for i in range(1, len(criteria) + 1)]
        begeleider = tracker.get_slot("rol") == "begeleider"
        labels = [criterion_label(c, begeleider) for c in criteria]
        done = [label for label, a in zip(labels, answers, strict=True) if a == "voldaan"]
        todo = [label for label, a in zip(labels, answers, strict=True) if a != "voldaan"]
        identity, client = await own_client(tracker)
        named_client = None if client else await named_client_record(tracker)
        case_id = client.case.id if client else (named_client.case.id if named_client else None)
        if case_id is not None:
            channel = tracker.get_latest_input_channel() or "onbekend"
            for criterion, answer in zip(criteria, answers, strict=True):
                await asyncio.to_thread(store().set_criterion, identity.actor, case_id,
                                        criterion["code"], answer or "onbekend", channel)  # fmt: skip
        name = named_client.first_name if named_client else None
        stored = case_id is not None
        summary = checklist_summary(tracker, "criteria", done, todo, stored=stored, client_name=name)
        dispatcher.utter_message(text=summary)
        return [SlotSet(f"criterium_{i}", None) for i in range(1, MAX_CRITERIA + 1)] + [
            SlotSet("checklist_client", None)
        ]
