"""What the two guided checklists (criteria_form, documenten_form) share: region, place question, buttons.

Both walk the items of the asker's region one at a time; when the region is not
known yet they ask for the place first. Items come from knowledge/rules.yml.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import region_contacts
from actions.identity import identify, store
from actions.messages import messages, say
from actions.places import place_events, place_from_message
from uitstroom.casestore.access import Identity
from uitstroom.casestore.models import Client
from uitstroom.casestore.repository import named_clients
from uitstroom.casestore.rules import region_rules
from uitstroom.knowledge.answer import UNCOVERED
from uitstroom.knowledge.model import GENERAL_REGION, default_knowledge_base
from uitstroom.text import QUESTION_VERBS, QUESTION_WORDS, words

ANSWER_BUTTONS = [
    {"title": "Ja", "payload": "/bevestigen"},
    {"title": "Nee", "payload": "/ontkennen"},
    {"title": "Weet ik niet", "payload": "/weet_niet"},
]


def rules_region(region: str | None) -> str:
    return GENERAL_REGION if region in (None, UNCOVERED) else region


def items_for(region: str | None, kind: str, limit: int) -> list[dict]:
    """The region's criteria or documents (kind), at most `limit` (the form has that many slots)."""
    return region_rules(rules_region(region))[kind][:limit]


# The forms have this many item slots (domain.yml); a region lists at most this many.
MAX_DOCUMENTS = 5
MAX_CRITERIA = 4


def documents_for(region: str | None) -> list[dict]:
    return items_for(region, "documents", MAX_DOCUMENTS)


def criteria_for(region: str | None) -> list[dict]:
    return items_for(region, "criteria", MAX_CRITERIA)


def checklist_summary(
    tracker: Tracker, kind: str, done: list[str], todo: list[str], stored: bool,
    client_name: str | None = None,
) -> str:  # fmt: skip
    """The end of a checklist (kind "documenten" or "criteria"): what is done, what is open, who helps.

    A client hears about themselves; a begeleider about their client (by name when the check was for
    one of theirs), with the region's contact point for the procedure and whether the answers were
    recorded in that client's case, or how to record them."""
    role = "begeleider" if tracker.get_slot("rol") == "begeleider" else "client"
    texts = messages()["samenvatting"][role]
    region = tracker.get_slot("regio")
    label = region_label(region)
    done_key = "documenten_binnen" if kind == "documenten" else "criteria_voldaan"
    wie = client_name or "Je cliënt"
    lines = []
    if done:
        lines.append(texts[done_key] + "\n" + "\n".join(f"- {d}" for d in done))
    if todo:
        lines.append(texts[f"{kind}_open"] + "\n" + "\n".join(f"- {t}" for t in todo))
        lines.append(texts[f"{kind}_hulp"])
    else:
        lines.append(texts[f"{kind}_klaar"].format(regio=label, wie=wie))
    if role == "begeleider":
        contacts = region_contacts(region, tracker.get_slot("gemeente"))
        if contacts:
            lines.append(texts["contact"].format(regio=label, contact=contacts[0]))
        if stored and client_name:
            lines.append(texts["opgeslagen"].format(naam=client_name))
        else:
            lines.append(texts[f"{kind}_vastleggen"].format(naam=client_name or "Pieter"))
    elif stored:
        lines.append(texts["opgeslagen"])
    return "\n\n".join(lines)


def checklist_entry_ids() -> set[str]:
    """The knowledge entries behind every region's documents and criteria."""
    regions = default_knowledge_base().regions
    return {item["entry"] for region in regions for item in documents_for(region) + criteria_for(region)}


def region_label(region: str | None) -> str:
    return default_knowledge_base().regions[rules_region(region)].label


def shown_before(tracker: Tracker, slot: str, intro_action: str) -> bool:
    """The form asks for `slot` again (after a question in between, or an answer it could not use):
    the item was already explained since the check began, so a one-line reminder will do.

    The form sets requested_slot each time it asks; the ask action sees the tracker with the
    current one applied, so an earlier one since the intro means it was shown before."""
    asked = 0
    for event in reversed(tracker.events):
        if event.get("event") == "action" and event.get("name") == intro_action:
            break
        if (
            event.get("event") == "slot"
            and event.get("name") == "requested_slot"
            and event.get("value") == slot
        ):
            asked += 1
    return asked > 1


async def own_client(tracker: Tracker) -> tuple[Identity, Client | None]:
    """The identified client's own record (with case), or None for anyone else."""
    identity = await identify(tracker)
    if identity.role != "client":
        return identity, None
    client = await asyncio.to_thread(store().client, identity.subject)
    return identity, client if client and client.case else None


@dataclass
class ChecklistStart:
    region: str | None
    begeleider: bool
    events: list[dict] = field(default_factory=list)
    client_name: str | None = None  # the begeleider's client the request names ("is Fatima klaar?")


async def checklist_start(tracker: Tracker) -> ChecklistStart:
    """The region a checklist starts with, whether a begeleider asks (and for which of their clients),
    and the slot events for these.

    A personal link says who is asking, and a client's case says the region; a begeleider who names
    one of their clients ("is Fatima klaar om uit te stromen?") gets that client's region, and the
    criteria check records the answers in her case. Otherwise a place in the request itself ("welke
    documenten horen bij de aanmelding in Zeist") is used, so that it is not asked for again."""
    identity, client = await own_client(tracker)
    region, role = tracker.get_slot("regio"), tracker.get_slot("rol")
    events: list[dict] = []
    if identity.role in ("client", "begeleider"):
        role = identity.role
        events.append(SlotSet("rol", role))
    named = None
    if identity.role == "begeleider":
        caseload = await asyncio.to_thread(store().caseload, identity.subject)
        found = named_clients(caseload, tracker.latest_message.get("text") or "")
        named = found[0] if len(found) == 1 else None
    value = json.dumps({"nummer": named.client_number, "naam": named.first_name}) if named else None
    events.append(SlotSet("checklist_client", value))
    place = place_from_message(tracker)
    if client:
        region = client.case.region
        events.append(SlotSet("regio", region))
    elif named:
        region = named.case.region
        events.append(SlotSet("regio", region))
    elif place:
        region = place[1]
        events += place_events(*place)
    return ChecklistStart(region, role == "begeleider", events, named.first_name if named else None)


async def named_client_record(tracker: Tracker) -> Client | None:
    """The begeleider's client (with case) this checklist is for, checked against the asker's caseload
    again: the slot was set by our own intro, but a case is only ever read or written by its own
    begeleider."""
    named = checklist_client(tracker)
    if named is None or tracker.get_slot("rol") != "begeleider":
        return None
    identity = await identify(tracker)
    if identity.role != "begeleider":
        return None
    caseload = await asyncio.to_thread(store().caseload, identity.subject)
    return next((c for c in caseload if c.client_number == named[0] and c.case), None)


def checklist_client(tracker: Tracker) -> tuple[str, str] | None:
    """(client number, first name) of the begeleider's client this checklist is for, if one was named."""
    value = tracker.get_slot("checklist_client")
    if not value:
        return None
    data = json.loads(value)
    return data["nummer"], data["naam"]


def form_receives_message(tracker: Tracker) -> bool:
    """The form runs on the user's latest message itself, not resuming on it after another action
    answered it first (a question in between). The validation action sees the form's own run as its
    latest action either way, so the events since the message tell."""
    loop = (tracker.active_loop or {}).get("name")
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action_execution_rejected":
            return False
        if event.get("event") == "action" and event.get("name") not in (loop, "action_extract_slots"):
            return False
    return True


# Messages that mean something at any point, also at the place question: never an unknown place.
NEVER_A_PLACE = frozenset(["stop", "crisis", "mens_spreken", "niet_begrepen", "weet_niet", "ontkennen",
                           "bevestigen", "deelt_bsn", "andere_taal", "onleesbaar", "feedback"])  # fmt: skip
# A short message starting with one of these is a question or a statement, not a place name.
NOT_A_PLACE_START = QUESTION_WORDS | QUESTION_VERBS | {"ik"}


def unknown_place(dispatcher: CollectingDispatcher, tracker: Tracker) -> dict:
    """At a checklist's place question: a short answer that names no place we know ("Atlantis") gets
    "Die plaats ken ik niet" and the question again; was read as "afscheid" ("Dag!") before.

    A known place is left to the place rule (action_set_place: it confirms the place and answers a
    question that waited for it); the form then goes on. Rasa drops a validation's slots that are not
    required any more, and with the region known the place is not. Only for a message the form
    receives itself: after a question in between, the form resumes on that same message."""
    if tracker.get_slot("requested_slot") != "gemeente" or not form_receives_message(tracker):
        return {}
    text = tracker.latest_message.get("text") or ""
    intent = tracker.latest_message.get("intent") or {}
    first = next(iter(words(text)), "")
    if place_from_message(tracker) or "?" in text or len(text.split()) > 3 or first in NOT_A_PLACE_START:
        return {}
    sure_of_other = intent.get("confidence", 0) >= 0.9 and intent.get("name") != "inform_plaats"
    if sure_of_other or intent.get("name") in NEVER_A_PLACE:
        return {}
    say(dispatcher, "plaats_onbekend")
    return {"gemeente": None}  # a slot event, so the form asks again instead of rejecting the message


class ActionAskGemeente(Action):
    """The place question of both checklist forms."""

    def name(self) -> str:
        return "action_ask_gemeente"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        documents = (tracker.active_loop or {}).get("name") == "documenten_form"
        if tracker.get_slot("rol") == "begeleider":
            items = "papieren" if documents else "voorwaarden"
            text = f"Over welke gemeente gaat het? Dan neem ik de {items} van die regio."
        else:
            topic = "welke papieren je nodig hebt" if documents else "de voorwaarden"
            text = f"In welke plaats woon je? Dan check ik {topic} in jouw regio."
        dispatcher.utter_message(text=text)
        return []
