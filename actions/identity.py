"""Who is in this conversation, proven by a signed token or a Teams/Slack id mapped in the case store.

The token arrives in message metadata (REST `metadata`, rasa-webchat `customData`).
A name or number typed into the chat never identifies anyone.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from uitstroom.casestore.access import ANONYMOUS, Identity, verify_token
from uitstroom.casestore.repository import CaseStore
from uitstroom.knowledge.answer import Asker

_store: CaseStore | None = None


def store() -> CaseStore:
    global _store
    if _store is None:
        _store = CaseStore()
    return _store


def _latest_token(tracker: Tracker) -> object:
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            token = (event.get("metadata") or {}).get("token")
            if token:
                return token
    return (tracker.latest_message.get("metadata") or {}).get("token")


async def identify(tracker: Tracker) -> Identity:
    """Who this is; worked out once per action run (actions ask it several times, and a Teams or Slack
    user costs a case-store lookup each time)."""
    cached = getattr(tracker, "_uitstroom_identity", None)
    if cached is None:
        cached = await _identify(tracker)
        tracker._uitstroom_identity = cached  # type: ignore[attr-defined]  # the Tracker lives for one run
    return cached


async def _identify(tracker: Tracker) -> Identity:
    identity = verify_token(_latest_token(tracker))
    if identity is not ANONYMOUS:
        return identity
    channel = tracker.get_latest_input_channel() or ""
    if channel in ("slack", "botframework"):
        begeleider = await asyncio.to_thread(store().begeleider_for_channel_user, channel, tracker.sender_id)
        if begeleider is not None:
            return Identity("begeleider", begeleider.code)
    return ANONYMOUS


async def known_asker(tracker: Tracker) -> tuple[Asker, list[dict]]:
    """Who is asking, for an answer: slots first; a personal link fills in role and (for a client) the
    region of their case, so an identified user is never asked what the case already says."""
    events: list[dict] = []
    role, region = tracker.get_slot("rol"), tracker.get_slot("regio")
    if role is None or region is None:
        identity = await identify(tracker)
        if role is None and identity.role in ("client", "begeleider"):
            role = identity.role
            events.append(SlotSet("rol", role))
        if region is None and identity.role == "client":
            client = await asyncio.to_thread(store().client, identity.subject)
            if client and client.case:
                region = client.case.region
                events.append(SlotSet("regio", region))
    asker = Asker(audience=role or "client", region=region, gemeente=tracker.get_slot("gemeente"))
    return asker, events
