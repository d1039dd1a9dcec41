"""A client who says they are nervous, afraid or worried hears that first, before any answer.

"ik vind het eng om alleen te wonen" is no question the knowledge base answers; without this the
reply began "Ik weet niet zeker wat je bedoelt" or "Dat weet ik niet". Danger is not handled here:
InputGuard and the crisis intent answer that with 113 and 112 before any action runs.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.messages import messages
from uitstroom.text import fold

# "zorgen" only as worry ("ik maak me zorgen"), not as "wie moet zorgen voor de huur".
FEELING = re.compile(
    r"\b(bang|eng|spannend|zenuwachtig|zenuwen|stress|gestrest|onzeker|paniek|angst|angstig|eenzaam|"
    r"ongerust|nerveus|bezorgd|zie er (erg |zo |best )?tegenop|zie ertegenop|"
    r"(maak|maken|heb) (me |mij |ik )?(veel |wel )?zorgen|zorgen over)\b"
)


def says_how_they_feel(text: str) -> bool:
    return bool(FEELING.search(fold(text)))


def acknowledge_feeling(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """To a client who says how they feel: one warm sentence first. True when it was said."""
    if tracker.get_slot("rol") == "begeleider" or not says_how_they_feel(
        tracker.latest_message.get("text") or ""
    ):
        return False
    dispatcher.utter_message(text=messages()["gevoel"]["erkenning"])
    return True
