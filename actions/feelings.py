"""A client who says they are nervous, afraid or worried hears that first, before any answer.

"ik vind het eng om alleen te wonen" is no question the knowledge base answers; without this the
reply began "Ik weet niet zeker wat je bedoelt" or "Dat weet ik niet". Danger is not handled here:
InputGuard and the crisis intent answer that with 113 and 112 before any action runs.
"""

from __future__ import annotations

import re

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import previous_bot_turn
from actions.messages import messages
from uitstroom.text import MY_BEGELEIDER, fold

# "zorgen" only as worry ("ik maak me zorgen"), not as "wie moet zorgen voor de huur".
FEELING = re.compile(
    r"\b(bang|eng|spannend|zenuwachtig|zenuwen|stress|gestrest|onzeker|paniek|angst|angstig|eenzaam|"
    r"ongerust|nerveus|bezorgd|zie er (erg |zo |best )?tegenop|zie ertegenop|"
    r"(maak|maken|heb) (me |mij |ik )?(veel |wel )?zorgen|zorgen over)\b"
)


# Fed up or angry ("ik ben er klaar mee", "mijn begeleider reageert nooit, ik baal ervan").
FRUSTRATION = re.compile(
    r"\b(boos|kwaad|gefrustreerd|frustrerend|baal|balen|teleurgesteld|verdrietig|klaar mee|"
    r"(ben|word) (het )?(zo )?zat|zat van|ben het beu|moe van|niemand helpt|reageert (nooit|niet)|"
    r"belt (me |mij )?(nooit|niet)( meer)? terug|neemt (de telefoon )?(nooit|niet) op|"
    r"hoor (nooit|niks|niets) (meer )?van (hem|haar))\b"
)
# ... about their begeleider: then "talk to your begeleider" is no help. Right after the assistant
# asked the begeleider to call, "hij belt nooit terug" is about that begeleider too.
ABOUT_BEGELEIDER = re.compile(MY_BEGELEIDER)
PERSON = re.compile(r"\b(hij|zij|ze|die)\b")


def after_handoff(tracker: Tracker) -> bool:
    """The assistant's last action before this message was the handoff to the begeleider."""
    done = [e.get("name") for e in previous_bot_turn(tracker) if e.get("event") == "action"]
    return next((name for name in done if name != "action_listen"), None) == "action_handoff"


def says_how_they_feel(text: str) -> bool:
    folded = fold(text)
    return bool(FEELING.search(folded) or FRUSTRATION.search(folded))


def acknowledge_feeling(dispatcher: CollectingDispatcher, tracker: Tracker) -> str | None:
    """To a client who says how they feel: one warm sentence first. Which one was said (its key in
    messages.yml gevoel), None when none was. Fed up with their begeleider: where else to go, since
    the usual advice is that begeleider."""
    text = fold(tracker.latest_message.get("text") or "")
    if tracker.get_slot("rol") == "begeleider" or not says_how_they_feel(text):
        return None
    key = "erkenning"
    if FRUSTRATION.search(text) and not FEELING.search(text):
        about = ABOUT_BEGELEIDER.search(text) or (PERSON.search(text) and after_handoff(tracker))
        key = "begeleider_onbereikbaar" if about else "frustratie"
    dispatcher.utter_message(text=messages()["gevoel"][key])
    return key


def topics_intro(felt: str) -> str:
    """The line above the topics offered after a feeling; no "talk to your begeleider" to someone
    who is fed up with that begeleider."""
    texts = messages()["gevoel"]
    return texts["onderwerpen_kort" if felt == "begeleider_onbereikbaar" else "onderwerpen"]
