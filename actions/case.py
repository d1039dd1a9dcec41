"""Personal guidance from the client's own dossier, and caseload questions and updates for begeleiders.

Access rules, enforced here: a client sees only their own case (bound by their
token); a begeleider sees and changes only their own caseload; anyone else gets
general answers only. Every update is confirmed first and audited.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import re
from abc import ABC, abstractmethod

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import region_label
from actions.common import never_crash
from actions.identity import identify, known_asker, store
from actions.item_questions import answer_about_entry_just_given, answer_about_item
from actions.knowledge import answer_question, answer_threshold, search_with_evidence
from actions.messages import messages, say
from uitstroom.casestore import parsing
from uitstroom.casestore.access import Identity
from uitstroom.casestore.models import Case, Client, Meeting
from uitstroom.casestore.repository import match_names, named_clients
from uitstroom.casestore.rules import (
    STATUS_TEXT,
    criteria_status,
    document_label,
    meeting_label,
    missing_documents,
    next_step,
    open_items,
)
from uitstroom.knowledge.model import default_knowledge_base
from uitstroom.knowledge.retrieval import content_words
from uitstroom.text import MY_BEGELEIDER

PHASE_TEXT = {"instroom": "instroom", "doorstroom": "doorstroom", "uitstroom": "uitstroom",
              "proefwonen": "proefwonen", "zelfstandig_wonen": "zelfstandig wonen"}  # fmt: skip
OWN_DOSSIER_HINT = "Wil je weten hoe het bij jou zit? Open de chat via je eigen link van je begeleider."
NOT_IDENTIFIED = (
    "Ik weet niet wie je bent, dus ik kan je dossier niet zien. "
    "Wil je je eigen dossier bekijken? Open de chat via de persoonlijke link van je begeleider. "
    "Algemene vragen kan ik wel beantwoorden."
)


# A client's own questions that the case answers directly.
ASKS_BEGELEIDER = re.compile(rf"\b(?:wie is|hoe heet|naam van) {MY_BEGELEIDER}", re.IGNORECASE)
ASKS_MEETING = re.compile(
    r"\b(wanneer|welke|volgende)\b.*\b(afspraak|afspraken|gesprek|tafel|uitstroomtafel)\b", re.IGNORECASE
)
ASKS_MOVING_DATE = re.compile(
    r"\b(wanneer|datum|hoe lang)\b.*\b(verhuis|verhuizen|verhuizing|eigen huis|eigen woning|uitstromen)\b"
    r"|\b(verhuisdatum|uitstroomdatum)\b",
    re.IGNORECASE,
)


def next_meeting(case: Case) -> Meeting | None:
    """The first planned meeting not held yet."""
    planned = [m for m in case.meetings if m.planned_on and not m.held_on]
    return min(planned, key=lambda m: m.planned_on, default=None)


def datum(day: dt.date | None) -> str:
    months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
              "oktober", "november", "december"]  # fmt: skip
    return f"{day.day} {months[day.month - 1]} {day.year}" if day else ""


def first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "."


async def own_client(identity: Identity) -> Client | None:
    if identity.role != "client":
        return None
    return await asyncio.to_thread(store().client, identity.subject)


class ClientCaseAction(Action, ABC):
    """A question about the asker's own dossier. Only the client bound by the token gets an answer
    from their case; a begeleider gets their caseload overview; anyone else a general reply."""

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        if await answer_about_item(dispatcher, tracker):  # "wanneer heb ik dat nodig" in a checklist
            return []
        # A bare "wanneer?" right after an answer is about that answer's topic, not the own dossier.
        line = answer_about_entry_just_given(dispatcher, tracker)
        if line is not None:
            return line
        identity = await identify(tracker)
        if identity.role == "begeleider":
            return await ActionCaseload().run(dispatcher, tracker, domain)
        client = await own_client(identity)
        if client is None or client.case is None:
            return await self.general_answer(dispatcher, tracker)
        topic = self.answer(dispatcher, client, tracker.latest_message.get("text") or "")
        # The one item the reply is about is the topic of a next short question ("hoe vraag ik dat aan").
        return [SlotSet("regio", client.case.region), SlotSet("rol", "client"),
                SlotSet("laatste_kennis_id", topic)]  # fmt: skip

    @abstractmethod
    def answer(self, dispatcher: CollectingDispatcher, client: Client, text: str) -> str | None:
        """Tells the client about their own case; `text` is what they asked. Returns the knowledge entry
        of the one item the reply is about, if it is about one."""

    @staticmethod
    async def general_answer(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict]:
        return await general_answer(dispatcher, tracker, NOT_IDENTIFIED, OWN_DOSSIER_HINT)


async def general_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, unknown: str, hint: str | None = None
) -> list[dict]:
    """For someone whose own dossier or caseload we cannot show: the knowledge base's answer when it
    is sure (the question may be a general one, "wanneer is de eerste uitstroomtafel", "wie zit er bij
    de tweede tafel"), with `hint` on how to see their own; else `unknown`."""
    answered = await sure_answer(dispatcher, tracker, hint)
    if answered is not None:
        return answered
    dispatcher.utter_message(text=unknown)
    return []


async def sure_answer(
    dispatcher: CollectingDispatcher, tracker: Tracker, hint: str | None = None
) -> list[dict] | None:
    """The knowledge base's answer to the latest message when it is sure (or first the place question),
    with `hint` after it; its events. None, and nothing said, when it is not sure."""
    text = tracker.latest_message.get("text") or ""
    asker, events = await known_asker(tracker)
    hits, evidence = await search_with_evidence(text, asker)
    if not hits or hits[0].confidence < answer_threshold():
        return None
    events += await answer_question(dispatcher, text, asker, (hits, evidence))
    if asker.region and hint:
        dispatcher.utter_message(text=hint)
    return events


class ActionCaseRegelen(ClientCaseAction):
    """'Wat moet ik nog regelen?': the client's own missing documents, each with what to do."""

    def name(self) -> str:
        return "action_case_regelen"

    def answer(self, dispatcher: CollectingDispatcher, client: Client, text: str) -> str | None:
        kb = default_knowledge_base()
        todos = missing_documents(client.case)
        if not todos:
            dispatcher.utter_message(text="Goed nieuws: al je papieren zijn binnen.")
            return None
        lines = [f"Dit moet je nog regelen voor {region_label(client.case.region)}:"]
        buttons = []
        for i, todo in enumerate(todos, 1):
            explanation = first_sentence(kb.by_id(todo.entry).client) if todo.entry else ""
            lines.append(f"{i}. {todo.label}: {STATUS_TEXT.get(todo.status, todo.status)}. {explanation}")
            if todo.entry:
                buttons.append({"title": f"Meer over: {todo.label}",
                                "payload": f'/vraag_procedure{{"kennis_id": "{todo.entry}"}}'})  # fmt: skip
        lines.append("Begin met de eerste. Je begeleider helpt je daarbij.")
        dispatcher.utter_message(text="\n".join(lines), buttons=buttons[:4])
        return todos[0].entry if len(todos) == 1 else None


class ActionCaseVolgendeStap(ClientCaseAction):
    """'Wat is mijn volgende stap?': the most urgent open item and the coming deadlines."""

    def name(self) -> str:
        return "action_case_volgende_stap"

    def answer(self, dispatcher: CollectingDispatcher, client: Client, text: str) -> str | None:
        if ASKS_MEETING.search(text):  # "wanneer is mijn volgende afspraak": only that
            meeting = next_meeting(client.case)
            dispatcher.utter_message(
                text=f"Je volgende afspraak: {meeting_label(meeting.kind)} op {datum(meeting.planned_on)}."
                if meeting
                else "Er staat nog geen afspraak in je dossier. Je begeleider plant die samen met je."
            )
            return None
        if ASKS_MOVING_DATE.search(text):  # "wanneer verhuis ik": the planned date first
            planned = client.case.planned_uitstroom_date
            when = (
                f"Je verhuizing staat nu gepland voor {datum(planned)}. Die datum kan nog veranderen."
                if planned
                else "Er staat nog geen datum voor je verhuizing in je dossier. Je begeleider weet meer."
            )
            dispatcher.utter_message(text=when)
        step = next_step(client.case)
        if step is None:
            dispatcher.utter_message(text="Je hebt op dit moment niets open staan. Goed bezig!")
            return None
        when = f" Dat moet vóór {datum(step.due)}." if step.due else ""
        late = " Dit is al te laat: bespreek het snel met je begeleider." if step.overdue else ""
        # What the step is, in one sentence, as "wat moet ik nog regelen" explains each document.
        about = f"\n{first_sentence(default_knowledge_base().by_id(step.entry).client)}" if step.entry else ""
        text = f"Je volgende stap: {step.step_for('client')}.{when}{late}{about}"
        dated = [t for t in open_items(client.case) if t.due and t.code != step.code][:3]  # fresh objects
        if dated:
            text += "\nDaarna:\n" + "\n".join(f"- {t.label}: {datum(t.due)}" for t in dated)
        buttons = []
        if step.entry:
            buttons.append({"title": f"Meer over: {step.label}",
                            "payload": f'/vraag_procedure{{"kennis_id": "{step.entry}"}}'})  # fmt: skip
        dispatcher.utter_message(text=text, buttons=buttons)
        return step.entry


class ActionCaseOverzicht(ClientCaseAction):
    """'Hoe staat mijn dossier ervoor?': phase, region, documents and next meeting."""

    def name(self) -> str:
        return "action_case_overzicht"

    def answer(self, dispatcher: CollectingDispatcher, client: Client, text: str) -> str | None:
        begeleider = f"Je begeleider is {client.begeleider.name}."
        if ASKS_BEGELEIDER.search(text):  # "wie is mijn begeleider": only that
            contact = "Wil je contact? Zeg dan: ik wil met mijn begeleider praten."
            dispatcher.utter_message(text=f"{begeleider} {contact}")
            return None
        case = client.case
        done = [document_label(d.type) for d in case.documents if d.status == "binnen"]
        missing = missing_documents(case)
        meeting = next_meeting(case)
        lines = [
            f"Hoi {client.first_name}. Je zit in de fase {PHASE_TEXT.get(case.phase, case.phase)}.",
            f"Je route: {case.route}, in {region_label(case.region)}.",
            f"Binnen: {', '.join(done) if done else 'nog niets'}.",
            f"Nog te regelen: {len(missing)} {'papier' if len(missing) == 1 else 'papieren'}.",
            begeleider,
        ]
        if meeting:
            lines.append(
                f"Je volgende afspraak: {meeting_label(meeting.kind)} op {datum(meeting.planned_on)}."
            )
        dispatcher.utter_message(text="\n".join(lines))


# --- begeleiders ----------------------------------------------------------------------
CLIENTS_WORD = re.compile(r"\bcli[eë]nte?n?\b", re.IGNORECASE)
NOT_A_BEGELEIDER = (
    "Dit overzicht is alleen voor begeleiders die zijn ingelogd. Ik kan wel algemene vragen beantwoorden."
)


# What a caseload question filters on besides documents, meetings and dates (casestore/parsing.py).
CRITERIA_WORD = re.compile(r"\b(voorwaarden?|criteri(a|um)|uitstroomklaar|eisen)\b", re.IGNORECASE)
NOT_YET = re.compile(r"\b(niet|nog|geen|mist|missen|ontbreekt|open)\b", re.IGNORECASE)
NOTHING_OPEN = re.compile(
    r"\b(alles (op orde|rond|geregeld|klaar)|(niks|niets) (meer )?open|helemaal klaar)\b", re.IGNORECASE
)
ALL_PAPERS = re.compile(r"\b(alle papieren|alle documenten|alles) (binnen|compleet)\b", re.IGNORECASE)
# "wie zit er in proefwonen", "welke cliënten zitten in de fase uitstroom", "wie is aan het proefwonen"
PHASE_ASKED = re.compile(
    r"\b(?:fase|in|aan het)\s+(?:de\s+)?(?:fase\s+)?"
    r"(instroom|doorstroom|uitstroom|proefwonen|zelfstandig wonen)\b",
    re.IGNORECASE,
)
# A document filter with a status ("wie heeft een verlopen woningnet"): that status only.
DOCUMENT_STATUSES_ASKED = ("verlopen", "aangevraagd")


def _matches_query(client: Client, text: str) -> bool | None:
    """Whether the client fits what the caseload question filters on; None: the question sets no filter
    (then the whole caseload is the answer, and is not presented as a selection). A phase combines
    with the other filters ("wie in uitstroom mist nog een inkomensverklaring")."""
    phase = PHASE_ASKED.search(text)
    rest = _matches_other_filters(client, text)
    if phase:
        return client.case.phase == phase.group(1).lower().replace(" ", "_") and rest is not False
    return rest


def _matches_other_filters(client: Client, text: str) -> bool | None:
    case = client.case
    doc = parsing.document_type(text)
    window = parsing.window_in(text)
    kind = parsing.meeting_kind(text)
    any_tafel = kind is None and "uitstroomtafel" in text.lower()
    if doc:
        status = next((s for s in DOCUMENT_STATUSES_ASKED if s in text.lower()), None)
        return any(t.code == doc and (status is None or t.status == status) for t in missing_documents(case))
    if kind or any_tafel:
        planned = [m.planned_on for m in case.meetings if not m.held_on and m.planned_on
                   and (m.kind == kind or (any_tafel and m.kind.startswith("uitstroomtafel")))]  # fmt: skip
        due = [t.due for t in open_items(case) if t.kind == "deadline" and t.due
               and (t.code == kind or (any_tafel and t.code.startswith("uitstroomtafel")))]  # fmt: skip
        dates = planned or due
        if window:
            return any(window[0] <= d <= window[1] for d in dates)
        return bool(dates)
    if CRITERIA_WORD.search(text):  # "wie voldoet aan alle voorwaarden" / "... nog niet aan de criteria"
        all_met = all(c.status == "voldaan" for c in criteria_status(case))
        return not all_met if NOT_YET.search(text) else all_met
    if "te laat" in text.lower() or "verlopen" in text.lower() or "achter" in text.lower():
        return any(t.overdue for t in open_items(case))
    if window:  # "wie heeft deze week een deadline": anything open that falls due in the window
        return any(t.due and window[0] <= t.due <= window[1] for t in open_items(case))
    if ALL_PAPERS.search(text):
        return not missing_documents(case)
    if NOTHING_OPEN.search(text):
        return next_step(case) is None
    return None


def _client_detail(client: Client) -> str:
    case = client.case
    step = next_step(case)
    missing = [f"{t.label} ({STATUS_TEXT.get(t.status, t.status)})" for t in missing_documents(case)]
    lines = [f"{client.first_name} ({client.client_number}): fase {PHASE_TEXT.get(case.phase, case.phase)}, "
             f"{region_label(case.region)}."]  # fmt: skip
    lines.append(f"- Ontbreekt: {', '.join(missing)}." if missing else "- Alle papieren zijn binnen.")
    criteria = criteria_status(case)
    if criteria:  # what the last criteria check recorded; unknown until someone did one
        still = [f"{c.label_for('begeleider')} ({STATUS_TEXT.get(c.status, c.status)})"
                 for c in criteria if c.status != "voldaan"]  # fmt: skip
        met = len(criteria) - len(still)
        open_part = f". Open: {'; '.join(still)}." if still else "."
        lines.append(f"- Voorwaarden: {met} van {len(criteria)} voldaan{open_part}")
    if step:
        late = " (te laat)" if step.overdue else ""
        lines.append(
            f"- Volgende stap: {step.step_for('begeleider')}" + (f", {datum(step.due)}" if step.due else "")
            + f"{late}."
        )
    return "\n".join(lines)


class ActionCaseload(Action):
    """Caseload questions: 'welke cliënten missen nog een inkomensverklaring?', 'wie heeft binnen twee
    maanden een uitstroomtafel?'. Only the begeleider's own clients are ever listed."""

    def name(self) -> str:
        return "action_caseload"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        # "wanneer moet dit binnen zijn voor mijn cliënt?" in a checklist is about the item on screen
        if await answer_about_item(dispatcher, tracker):
            return []
        identity = await identify(tracker)
        if identity.role != "begeleider":
            text = tracker.latest_message.get("text") or ""
            if identity.role == "anoniem" and not CLIENTS_WORD.search(text):
                # "wie zit er bij de tweede tafel" names no clients: also a general question
                return await general_answer(dispatcher, tracker, NOT_A_BEGELEIDER)
            dispatcher.utter_message(text=NOT_A_BEGELEIDER)
            return []
        text = tracker.latest_message.get("text") or ""
        clients = await asyncio.to_thread(store().caseload, identity.subject)
        named = named_clients(clients, text)
        if named:  # "in welke fase zit Fatima", "wat mist er nog bij C-1042": that client in full
            dispatcher.utter_message(text="\n".join(_client_detail(c) for c in named))
            return [SlotSet("rol", "begeleider")]
        fits = {c.client_number: _matches_query(c, text) for c in clients if c.case}
        if not any(v is not None for v in fits.values()) and not CLIENTS_WORD.search(text):
            # Names no clients and filters on nothing: "wie zit er bij het proefwonen gesprek" asks who
            # takes part in a meeting. The knowledge base answers when it is sure; else the caseload.
            answered = await sure_answer(dispatcher, tracker)
            if answered is not None:
                return answered
        found = [c for c in clients if c.case and fits[c.client_number] is not False]
        if not found:
            dispatcher.utter_message(text="Geen van je cliënten past bij die vraag.")
            return [SlotSet("rol", "begeleider")]
        heading = f"{len(found)} van je {len(clients)} cliënten:" if any(fits.values()) else (
            f"Je hebt {len(clients)} cliënten:"
        )
        lines = [heading]
        doc = parsing.document_type(text)
        for c in found:
            step = next_step(c.case)
            late = " [te laat]" if step and step.overdue else ""
            summary = "niets open"
            asked = next((t for t in missing_documents(c.case) if t.code == doc), None)
            if asked:  # the question was about this document: its status, not the next step
                summary = f"{asked.label}: {STATUS_TEXT.get(asked.status, asked.status)}"
            elif step:
                summary = f"volgende stap: {step.step_for('begeleider')}"
                summary += f" ({datum(step.due)})" if step.due else ""
            phase = PHASE_TEXT.get(c.case.phase, c.case.phase)
            lines.append(f"- {c.first_name} ({c.client_number}, {phase}): {summary}{late}")
        dispatcher.utter_message(text="\n".join(lines))
        return [SlotSet("rol", "begeleider")]


def describe(update: dict) -> str:
    if update["what"] == "document":
        return f"{document_label(update['type'])} van {update['name']}: {STATUS_TEXT[update['status']]}"
    day = datum(dt.date.fromisoformat(update["date"]))
    return f"{meeting_label(update['type'])} voor {update['name']} op {day}"


class ActionPrepareUpdate(Action):
    """Reads an update from a begeleider's sentence and asks to confirm it before anything is written."""

    def name(self) -> str:
        return "action_prepare_update"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        identity = await identify(tracker)
        if identity.role != "begeleider":
            dispatcher.utter_message(text=NOT_A_BEGELEIDER)
            return []
        text = tracker.latest_message.get("text") or ""
        clients = await asyncio.to_thread(store().caseload, identity.subject)
        words = [w.strip(".,!?:;") for w in text.split()]
        candidates = [
            w for w in words if w[:1].isupper() and w.lower() not in ("de", "het", "uitstroomtafel")
        ]
        matches = []
        for word in candidates or words:
            matches += match_names(clients, word, 85)
        unique = {m.client.client_number: m.client for m in matches}
        if not unique:
            dispatcher.utter_message(
                text="Ik vind die cliënt niet in jouw caseload. Wil je de voornaam controleren?"
            )
            return []
        if len(unique) > 1:
            options = ", ".join(f"{c.first_name} ({c.client_number})" for c in unique.values())
            dispatcher.utter_message(text=f"Ik vind meer dan één cliënt: {options}. Over wie gaat het?")
            return []
        client = next(iter(unique.values()))
        doc, kind = parsing.document_type(text), parsing.meeting_kind(text)
        day = parsing.date_in(text)
        if kind and day:
            update = {"what": "meeting", "type": kind, "date": day.isoformat()}
        elif doc and parsing.status(text):
            update = {"what": "document", "type": doc, "status": parsing.status(text)}
        elif day and "uitstroomtafel" in text.lower():  # a date, but which of the three tables?
            dispatcher.utter_message(
                text=f"Welke uitstroomtafel bedoel je: 1, 2 of 3? Zeg bijvoorbeeld: "
                f"'uitstroomtafel 2 voor {client.first_name} op {datum(day)}'."
            )
            return []
        else:
            dispatcher.utter_message(
                text="Wat wil je vastleggen? Bijvoorbeeld: 'de inkomensverklaring van Pieter is binnen' "
                "of 'uitstroomtafel 1 voor Fatima op 12 maart'."
            )
            return []
        update |= {"client": client.client_number, "case_id": client.case.id, "name": client.first_name}
        dispatcher.utter_message(
            text=f"Klopt dit? {describe(update)}.",
            buttons=[
                {"title": "Ja, opslaan", "payload": "/bevestigen"},
                {"title": "Nee", "payload": "/ontkennen"},
            ],
        )
        return [SlotSet("wacht_op_bevestiging", json.dumps(update))]


# Words of a bare yes or no ("nee hoor", "ja graag", "liever niet"): no question to answer in them.
ANSWER_WORDS = frozenset(["ja", "nee", "niet", "geen", "nog", "klopt", "prima", "dank", "bedankt", "graag",
                          "hoor", "liever", "doe", "maar", "oke", "ok", "goed", "zeker", "precies", "wel",
                          "inderdaad", "natuurlijk", "akkoord", "nope", "yes", "echt"])  # fmt: skip


class ActionConfirmUpdate(Action):
    """Writes the pending update after 'ja', drops it after 'nee'. Re-checks the caseload before writing."""

    def name(self) -> str:
        return "action_confirm_update"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        pending = tracker.get_slot("wacht_op_bevestiging")
        if not pending:
            # Nothing was asked: "ik heb geen geld" reads as "nee" but says something; the knowledge
            # base answers it when it is sure. A bare "nee, dank je" gets "Oké".
            text = tracker.latest_message.get("text") or ""
            if any(w not in ANSWER_WORDS for w in content_words(text)):
                return await general_answer(dispatcher, tracker, messages()["ok"]["text"])
            say(dispatcher, "ok")
            return []
        clear = [SlotSet("wacht_op_bevestiging", None)]
        if tracker.latest_message.get("intent", {}).get("name") != "bevestigen":
            dispatcher.utter_message(text="Oké, ik heb niets opgeslagen.")
            return clear
        identity = await identify(tracker)
        update = json.loads(pending)
        own = {c.client_number for c in await asyncio.to_thread(store().caseload, identity.subject or "")}
        if identity.role != "begeleider" or update["client"] not in own:
            dispatcher.utter_message(text=NOT_A_BEGELEIDER)
            return clear
        channel = tracker.get_latest_input_channel() or "onbekend"
        if update["what"] == "document":
            await asyncio.to_thread(store().set_document_status, identity.actor, update["case_id"],
                                    update["type"], update["status"], channel)  # fmt: skip
        else:
            await asyncio.to_thread(store().plan_meeting, identity.actor, update["case_id"], update["type"],
                                    dt.date.fromisoformat(update["date"]), channel)  # fmt: skip
        dispatcher.utter_message(text=f"Opgeslagen: {describe(update)}.")
        return clear
