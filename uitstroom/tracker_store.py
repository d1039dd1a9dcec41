"""An in-memory tracker store that keeps conversations short, so replies stay fast at turn 150.

Rasa replays, serialises and featurises a conversation's whole history on every
message, and sends all of it to the action server: a reply at turn 150 was
measured about 3x slower than at turn 1. Our policies only look a few turns
back (rules, memoization, max_history 5), so older turns are dead weight, and
keeping less is also better for privacy. When a conversation passes
MAX_EVENTS, its history is compacted into a new session that carries over the
current slots (and an active form) followed by the most recent turns. A BSN the
user types is stored as [BSN] (uitstroom/privacy.py).

endpoints.yml:  tracker_store: {type: uitstroom.tracker_store.BoundedInMemoryTrackerStore}
Production profile (several Sanic workers share conversations through Redis):
               tracker_store: {type: uitstroom.tracker_store.BoundedRedisTrackerStore, url: …, port: …}
"""

from __future__ import annotations

import json
from typing import Any

from rasa.core.tracker_store import InMemoryTrackerStore, RedisTrackerStore
from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, ActiveLoop, Event, SessionStarted, SlotSet
from rasa.shared.core.trackers import DialogueStateTracker

from uitstroom.privacy import redact_bsn

MAX_EVENTS = 60  # compact when a conversation grows past this many events (~8 turns)
KEEP_EVENTS = 30  # events of recent turns kept after compaction (~4 turns)


def without_bsn(dialogue: dict[str, Any]) -> dict[str, Any]:
    """The serialised dialogue with every BSN in the user's words (and in text slots that copy
    them, like the open question) replaced by [BSN]. In place; returns `dialogue`."""
    for event in dialogue.get("events", []):
        if event.get("event") == "user":
            event["text"] = redact_bsn(event.get("text") or "")
            if isinstance(event.get("parse_data"), dict) and "text" in event["parse_data"]:
                event["parse_data"]["text"] = redact_bsn(event["parse_data"]["text"] or "")
        elif event.get("event") == "slot" and isinstance(event.get("value"), str):
            event["value"] = redact_bsn(event["value"])
    return dialogue


def compact(tracker: DialogueStateTracker, keep: int = KEEP_EVENTS) -> list[Event]:
    """A short event list with the same slots, active form and most recent turns."""
    events = list(tracker.events)
    start = len(events) - keep
    # Start the tail at a turn boundary (the bot listening), so no turn is cut in half.
    while start < len(events) and not (
        isinstance(events[start], ActionExecuted) and events[start].action_name == ACTION_LISTEN_NAME
    ):
        start += 1
    tail = events[start:]
    prefix: list[Event] = [ActionExecuted(ACTION_SESSION_START_NAME), SessionStarted()]
    prefix += [
        SlotSet(name, value) for name, value in tracker.current_slot_values().items() if value is not None
    ]
    if tracker.active_loop_name:
        prefix.append(ActiveLoop(tracker.active_loop_name))
    return prefix + tail


class BoundedHistory:
    """Shared by both stores: decides when and how to compact a tracker before it is stored."""

    domain: Any
    max_events: int
    keep_events: int

    def _read_bounds(self, kwargs: dict[str, Any]) -> None:
        self.max_events = int(kwargs.pop("max_events", MAX_EVENTS))
        self.keep_events = int(kwargs.pop("keep_events", KEEP_EVENTS))

    def bounded(self, tracker: DialogueStateTracker) -> DialogueStateTracker:
        if len(tracker.events) <= self.max_events:
            return tracker
        return DialogueStateTracker.from_events(
            tracker.sender_id, compact(tracker, self.keep_events), self.domain.slots, domain=self.domain
        )

    def stored(self, tracker: DialogueStateTracker) -> str:
        """What is written: the bounded conversation, without any BSN."""
        return json.dumps(without_bsn(self.bounded(tracker).as_dialogue().as_dict()))


class BoundedInMemoryTrackerStore(BoundedHistory, InMemoryTrackerStore):
    def __init__(self, domain: Any, event_broker: Any = None, **kwargs: Any) -> None:
        self._read_bounds(kwargs)
        super().__init__(domain, event_broker, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self.stream_events(tracker)  # the broker (if any) still sees every event
        self.store[tracker.sender_id] = self.stored(tracker)


class BoundedRedisTrackerStore(BoundedHistory, RedisTrackerStore):
    """Redis, so several Sanic workers share conversations; bounded like the in-memory store.

    Rasa's RedisTrackerStore merges the stored tracker into every save (to keep older
    sessions); with a lock store serialising each conversation, and older turns
    deliberately dropped, that merge is only cost, so we write the bounded tracker as is.
    """

    def __init__(self, domain: Any, event_broker: Any = None, **kwargs: Any) -> None:
        self._read_bounds(kwargs)
        super().__init__(domain, event_broker=event_broker, **kwargs)

    async def save(self, tracker: DialogueStateTracker, timeout: float | None = None) -> None:
        await self.stream_events(tracker)
        self.red.set(
            self.key_prefix + tracker.sender_id,
            self.stored(tracker),
            ex=timeout or self.record_exp,
        )
