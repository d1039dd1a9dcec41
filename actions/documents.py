"""The region's document checklist (documenten_form): each document explained, one at a time.

Per document: what it is, who arranges it, how and when (the knowledge entry in
the asker's variant, with region and source), then "heb je dit al?". An
identified client's answers fill documents that have no status in their case
yet; they never overwrite what the begeleider recorded, and never WoningNet
(its registration and renewal dates drive the renewal deadline).
Interruptible and stoppable like the criteria check.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import (
    ANSWER_BUTTONS,
    MAX_DOCUMENTS,
    checklist_start,
    checklist_summary,
    documents_for,
    named_client_record,
    own_client,
    region_label,
    shown_before,
)
from actions.checklist_form import ChecklistFormValidation
from actions.common import asker_from, never_crash
from actions.identity import store
from uitstroom.casestore.rules import STATUS_TEXT, document_label
from uitstroom.knowledge.answer import compose
from uitstroom.knowledge.model import default_knowledge_base

INTERRUPT_HINT = "Je kunt tussendoor iets vragen. Stoppen kan altijd: zeg dan stop."
DATED_DOCUMENTS = {"woningnet"}
SLOTS = [f"document_{i}" for i in range(1, MAX_DOCUMENTS + 1)]


class ActionDocumentenIntro(Action):
    def name(self) -> str:
        return "action_documenten_intro"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        start = await checklist_start(tracker)
        region, begeleider, events = start.region, start.begeleider, start.events
        if region is None:
            intro = (
                "We lopen de papieren voor de aanmelding één voor één langs."
                if begeleider
                else "We lopen samen de papieren langs die je nodig hebt. Eén voor één."
            )
        else:
            labels = ", ".join(document_label(d["type"]) for d in documents_for(region))
            intro = (
                f"Voor {region_label(region)} zijn dit de papieren: {labels}. We nemen ze één voor één door."
            )
        events += [SlotSet(slot, None) for slot in SLOTS]
        dispatcher.utter_message(text=f"{intro} {INTERRUPT_HINT}")
        return events


class ValidateDocumentenForm(ChecklistFormValidation):
    slot_prefix, kind, limit = "document", "documents", MAX_DOCUMENTS

    def name(self) -> str:
        return "validate_documenten_form"


def _ask_action(number: int) -> type[Action]:
    class AskDocument(Action):
        def name(self) -> str:
            return f"action_ask_document_{number}"

        @never_crash
        async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
            documents = documents_for(tracker.get_slot("regio"))
            document = documents[number - 1]
            asker = asker_from(tracker)
            entry = default_knowledge_base().by_id(document["entry"])
            label = document_label(document["type"])
            question = "Heb je dit al?"
            if asker.audience == "begeleider":
                named = await named_client_record(tracker)  # "loop de papieren door voor Bram"
                question = f"Is dit al geregeld voor {named.first_name if named else 'je cliënt'}?"
                if named:  # what the dossier already says, so the begeleider can check it
                    have = {d.type: d.status for d in named.case.documents}
                    recorded = STATUS_TEXT.get(have.get(document["type"], "nog_niet"), "nog niet geregeld")
                    question = f"In het dossier van {named.first_name}: {recorded}. {question}"
            if shown_before(tracker, f"document_{number}", "action_documenten_intro"):
                reminder = f"Verder met papier {number} van {len(documents)}: {label}. {question}"
                dispatcher.utter_message(text=reminder, buttons=ANSWER_BUTTONS)
                return []
            heading = f"Papier {number} van {len(documents)}: {label}"
            dispatcher.utter_message(text=f"{heading}\n\n{compose(default_knowledge_base(), entry, asker)}")
            dispatcher.utter_message(text=question, buttons=ANSWER_BUTTONS)
            return []

    AskDocument.__name__ = f"ActionAskDocument{number}"
    return AskDocument


(ActionAskDocument1, ActionAskDocument2, ActionAskDocument3, ActionAskDocument4, ActionAskDocument5) = (
    _ask_action(i) for i in range(1, MAX_DOCUMENTS + 1)
)


class ActionDocumentenResultaat(Action):
    """After the last document: what is there, what is still needed and who helps; stored when identified."""

    def name(self) -> str:
        return "action_documenten_resultaat"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        documents = documents_for(tracker.get_slot("regio"))
        answers = [tracker.get_slot(slot) for slot in SLOTS[: len(documents)]]
        pairs = [(document_label(d["type"]), a) for d, a in zip(documents, answers, strict=True)]
        have = [label for label, a in pairs if a == "binnen"]
        missing = [label for label, a in pairs if a != "binnen"]
        identity, client = await own_client(tracker)
        if client:
            current = {d.type: d.status for d in client.case.documents}
            channel = tracker.get_latest_input_channel() or "onbekend"
            for document, answer in zip(documents, answers, strict=True):
                status = answer if answer in ("binnen", "nog_niet") else None  # "weet ik niet" says nothing
                if status and document["type"] not in current and document["type"] not in DATED_DOCUMENTS:
                    await asyncio.to_thread(store().set_document_status, identity.actor, client.case.id,
                                            document["type"], status, channel)  # fmt: skip
        named = None if client else await named_client_record(tracker)
        summary = checklist_summary(tracker, "documenten", have, missing, stored=client is not None,
                                    client_name=named.first_name if named else None)  # fmt: skip
        dispatcher.utter_message(text=summary)
        return [SlotSet(slot, None) for slot in SLOTS] + [SlotSet("checklist_client", None)]
