"""'Ik wil met een mens praten': a contact request and a notification, or a contact point."""

from __future__ import annotations

import asyncio
import functools
import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from actions.identity import identify, store
from actions.messages import messages, say
from uitstroom.casestore.notify import Handoff, SlackTransport, TeamsConfig, TeamsTransport, Transport
from uitstroom.knowledge.model import default_knowledge_base

logger = logging.getLogger(__name__)


def previous_question(tracker: Tracker) -> str:
    """The user's message before this request: what they were stuck on."""
    texts = [e.get("text") or "" for e in tracker.events if e.get("event") == "user"]
    earlier = [t for t in texts[:-1] if t and not t.startswith("/")]
    return earlier[-1] if earlier else ""


def region_contacts(region: str | None, gemeente: str | None = None) -> list[str]:
    """Organisational contact points the knowledge base gives for a region, the user's gemeente first."""
    if not region:
        return []
    seen, out = set(), []
    entries = [e for e in default_knowledge_base().entries if region in e.regions and e.contacts]
    for entry in sorted(entries, key=lambda e: e.topic != "contact"):  # contact entries first
        for c in entry.contacts:
            line = c.line()
            if line not in seen:
                seen.add(line)
                out.append(line)
    if gemeente:
        out.sort(key=lambda line: gemeente.lower() not in line.lower())
    return out[:4]


# Deliveries still running: asyncio keeps only weak references to tasks.
_deliveries: set[asyncio.Task] = set()


def send_outside(handoff: Handoff) -> None:
    """Slack and Teams, each when the app is configured and the begeleider has an id there: in the
    background, so the client's reply does not wait for them. The inbox already has the notification."""
    routes: list[tuple[Transport | None, str | None]] = [
        (SlackTransport.from_env(), handoff.slack_user_id),
        (teams_transport(), handoff.teams_user_id),
    ]
    for transport, user_id in routes:
        if transport is None or not user_id:
            continue
        task = asyncio.create_task(_deliver(transport, user_id, handoff.text))
        _deliveries.add(task)
        task.add_done_callback(_deliveries.discard)


def teams_transport() -> TeamsTransport | None:
    config = TeamsConfig.from_env()
    return _shared_teams(config) if config else None


@functools.lru_cache(maxsize=1)
def _shared_teams(config: TeamsConfig) -> TeamsTransport:
    """One transport per configuration, so its access token serves every handoff until it expires."""
    return TeamsTransport(config)


async def _deliver(transport: Transport, user_id: str, text: str) -> None:
    try:
        delivered = await transport.deliver(user_id, text)
    except Exception as error:  # noqa: BLE001 - logged without content; the inbox has the notification
        logger.warning("%s notification failed: %s", transport.transport, type(error).__name__)
        return
    if not delivered:
        logger.warning("%s notification refused by %s", transport.transport, transport.transport)


class ActionHandoff(Action):
    def name(self) -> str:
        return "action_handoff"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        identity = await identify(tracker)
        if identity.role == "client":
            channel = tracker.get_latest_input_channel() or "onbekend"
            handoff = await asyncio.to_thread(
                store().handoff, identity.actor, identity.subject, previous_question(tracker), channel
            )
            if handoff:
                send_outside(handoff)
                dispatcher.utter_message(
                    text=f"Ik heb je begeleider {handoff.begeleider_name} gevraagd om contact met je op te "
                    "nemen. Je vraag staat erbij. Is het dringend? Bel dan je woonplek."
                )
                return []
        region = tracker.get_slot("regio")
        contacts = region_contacts(region, tracker.get_slot("gemeente"))
        heading = "Contactpunten in jouw regio:"
        if identity.role == "begeleider" or tracker.get_slot("rol") == "begeleider":
            # Not "neem contact op met je eigen begeleider": the procedure's contact points, per region.
            texts = messages()["mens_begeleider"]
            key = "met_contact" if contacts else ("geen_contact" if region else "zonder_regio")
            dispatcher.utter_message(text=texts[key])
            heading = "Contactpunten in de regio:"
        else:
            say(dispatcher, "mens_algemeen")
        if contacts:
            dispatcher.utter_message(text=heading + "\n" + "\n".join(f"- {c}" for c in contacts))
        return []
