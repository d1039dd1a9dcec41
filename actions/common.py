"""Helpers every action uses: who is asking, and a guard so no stack trace reaches a user."""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import say
from uitstroom.knowledge.answer import Asker

logger = logging.getLogger(__name__)

Run = Callable[[Any, CollectingDispatcher, Tracker, dict], Awaitable[list[dict]]]


def asker_from(tracker: Tracker) -> Asker:
    return Asker(
        audience=tracker.get_slot("rol") or "client",
        region=tracker.get_slot("regio"),
        gemeente=tracker.get_slot("gemeente"),
    )


def previous_bot_turn(tracker: Tracker) -> list[dict]:
    """The events between the user's previous message and this one, newest first."""
    events: list[dict] = []
    seen_current = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_current:
                break
            seen_current = True
        elif seen_current:
            events.append(event)
    return events


def entry_given_just_before(tracker: Tracker) -> str | None:
    """The knowledge entry the assistant answered with right before this message, if it did."""
    for event in previous_bot_turn(tracker):
        if event.get("event") == "slot" and event.get("name") == "laatste_kennis_id":
            return event.get("value")
    return None


def never_crash(run: Run) -> Run:
    """Wraps Action.run: on any error the user gets a calm Dutch message, the log gets the details.

    The log line carries the action name and exception type only, never the user's text.
    """

    @functools.wraps(run)
    async def wrapper(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception as error:  # noqa: BLE001 - the user must always get an answer
            logger.error("action %s failed: %s", self.name(), type(error).__name__, exc_info=False)
            say(dispatcher, "storing", tracker.get_slot("rol"))
            return []

    return wrapper
