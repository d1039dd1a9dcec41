"""Questions about the assistant itself (intent bot_vraag): one answer per kind of question.

"Ben je een robot?", "wie kan meelezen?" and "waar haal je je info vandaan?" share an intent,
but a client who asks who reads along must hear what happens with their messages, not only
that this is a computer. The texts are responses in domain.yml.
"""

from __future__ import annotations

import re

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import never_crash
from uitstroom.text import fold

# Checked in this order: a privacy question that also says "computer" gets the privacy answer.
_KINDS = [
    (
        "utter_bot_privacy",
        r"mee ?(lez|lees|kijk)|bewaar|opgesla|opslaan|gegevens|privacy|prive|anoniem|verwijder|wis(sen)?\b"
        r"|\bavg\b|wie (ziet|leest|kan .*zien|kan .*lezen)|naartoe|geheim|dossier|doorgestuurd|\bdeel",
    ),
    ("utter_bot_bron", r"\binfo|informatie|\bbron|internet|actueel|hoe weet j(e|ij)|waar komt|betrouwbaar"),
    ("utter_bot_naam", r"hoe heet|\bnaam\b|noemen"),
]


def reply_for(text: str) -> str:
    folded = fold(text)
    return next((name for name, pattern in _KINDS if re.search(pattern, folded)), "utter_bot_vraag")


class ActionBotVraag(Action):
    def name(self) -> str:
        return "action_bot_vraag"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        dispatcher.utter_message(response=reply_for(tracker.latest_message.get("text") or ""))
        return []
