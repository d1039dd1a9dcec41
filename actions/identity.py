"""Who is in this conversation, proven by a signed token or a Teams/Slack id mapped in the case store.

The token arrives in message metadata (REST `metadata`, rasa-webchat `customData`).
A name or number typed into the chat never identifies anyone.
"""

from __future__ import annotations

import asyncio

from rasa_sdk import Tracker

from uitstroom.casestore.access import ANONYMOUS, Identity, verify_token
from uitstroom.casestore.repository import CaseStore

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
    identity = verify_token(_latest_token(tracker))
    if identity is not ANONYMOUS:
        return identity
    channel = tracker.get_latest_input_channel() or ""
    if channel in ("slack", "botframework"):
        begeleider = await asyncio.to_thread(store().begeleider_for_channel_user, channel, tracker.sender_id)
        if begeleider is not None:
            return Identity("begeleider", begeleider.code)
    return ANONYMOUS
