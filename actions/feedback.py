"""👍/👎 on knowledge answers, stored (redacted) for content editors; see `make feedback`."""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from actions.identity import store

NEGATIVE = ("👎", "niet", "niks", "slecht", "fout", "onduidelijk", "geen", "nutteloos", "klopt niet",
            "te lang", "te kort", "te moeilijk", "te veel", "vaag", "verkeerd", "waardeloos", "onzin",
            "jammer")  # fmt: skip


def polarity(text: str) -> str:
    lowered = text.lower()
    return "slecht" if any(word in lowered for word in NEGATIVE) else "goed"


def rating_just_given(tracker: Tracker) -> str | None:
    """The user's rating in the message before this one ("goed"/"slecht"), if that message was one."""
    users = [e for e in reversed(tracker.events) if e.get("event") == "user"]
    if len(users) < 2:
        return None
    parse = users[1].get("parse_data") or {}
    if (parse.get("intent") or {}).get("name") != "feedback":
        return None
    values = [e.get("value") for e in parse.get("entities", []) if e.get("entity") == "oordeel"]
    return values[-1] if values in (["goed"], ["slecht"]) else polarity(users[1].get("text") or "")


class ActionFeedback(Action):
    def name(self) -> str:
        return "action_feedback"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        values = [
            e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "oordeel"
        ]
        text = tracker.latest_message.get("text") or ""
        kind = values[-1] if values in (["goed"], ["slecht"]) else polarity(text)
        comment = None if text.startswith("/") else text
        # "het antwoord was te lang" right after 👎 is the reason for it, not praise ("Fijn!" it got)
        after_down = comment and not values and rating_just_given(tracker) == "slecht"
        if after_down:
            kind = "slecht"
        await asyncio.to_thread(
            store().add_feedback,
            kind,
            tracker.get_slot("laatste_vraag") or "",
            tracker.get_slot("laatste_kennis_id"),
            tracker.get_slot("regio"),
            comment,
        )
        if kind == "goed":
            dispatcher.utter_message(text="Fijn! Dank je voor je reactie.")
        elif after_down:
            dispatcher.utter_message(
                text="Dank je, dat geef ik door aan de mensen die de antwoorden schrijven."
            )
        else:
            dispatcher.utter_message(
                text="Dank je. Dit gaat naar de mensen die de antwoorden schrijven. "
                "Wil je het nog anders vragen? Of zeg: ik wil met een mens praten."
            )
        return []
