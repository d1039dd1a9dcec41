"""Short questions about the checklist item on screen ("wat is dat?", "wie regelt dat?"), and
"snap ik niet" anywhere (intent niet_begrepen, action_uitleg).

In the criteria check and the document checklist a client asks about the item just shown in a few
words that name nothing. A knowledge search has too little to go on: it found the item's sibling
entry whatever was asked (measured in session 8). So these are answered from the item's own entry:
one plain line per aspect (knowledge/README.md, `kort`), or honestly that the region's rules are
silent on it, which also goes to the editors' list.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.checklist import criteria_for, documents_for, region_label
from actions.common import asker_from, entry_given_just_before, never_crash
from actions.identity import store
from actions.messages import messages
from uitstroom.casestore.rules import document_label
from uitstroom.knowledge.answer import Asker
from uitstroom.knowledge.model import Entry, default_knowledge_base
from uitstroom.text import REFERRING_WORDS, fold, words

# The checklist forms: their item slots and the region's items they walk.
FORMS = {"documenten_form": ("document_", documents_for), "criteria_form": ("criterium_", criteria_for)}
# "hoe vraag ik het aan", "hoe lang duurt het", "wie moet het tekenen": in a checklist "het" is the
# item too, but only as a pronoun (last, before a particle or predicate word, or before a final
# infinitive); "wat doet het wijkteam" names a topic of its own.
PRONOUN_HET_BEFORE = frozenset([
    "aan", "in", "op", "uit", "af", "mee", "dan", "nu", "eigenlijk", "precies", "zelf", "wel", "niet", "al",
    "ook", "geldig", "nodig", "verplicht", "klaar", "duur", "echt",
])  # fmt: skip
WEAK_POINTING_WORDS = frozenset(["hij", "zoiets", "zo'n"])
# A question of only these words ("waarom?", "en wie dan?") can only be about what is on screen.
BARE_QUESTION_WORDS = frozenset(["wie", "wat", "hoe", "waar", "wanneer", "waarom", "en", "dan", "nou",
                                 "eigenlijk", "precies", "huh", "he", "lang", "snel"])  # fmt: skip
MAX_ITEM_QUESTION_WORDS = 8
# A begeleider asks the same short question with the client in it ("wanneer moet dit uiterlijk binnen
# zijn voor mijn cliënt?"): the mention names no topic, so it does not count towards the length.
CLIENT_MENTION = re.compile(r"\b(?:(?:voor|van|bij|met|door)\s+)?(?:mijn|de|onze|ons|die|deze)\s+clie?nte?\b")
# Dutch pronominal adverbs ("daaraan", "ermee", "hiervoor") point back as "dat" does.
PRONOMINAL_ADVERB = re.compile(
    r"(daar|er|hier)(aan|achter|bij|door|heen|in|langs|mee|na|naar|om|onder|op|over|tegen|toe|uit|van|voor)"
)
# "wat als ik dat niet heb", "wat gebeurt er als...": a consequence, which no line of the item answers.
WHAT_IF = re.compile(r"\bwat (als|gebeurt er|nou als)\b|\bwat heb ik (er|daar)\s?aan\b")
ASPECT_PATTERNS = (
    (
        "wanneer",
        r"\b(wanneer|hoe ?lang|hoe snel|hoe vaak|tot wanneer|hoeveel tijd|deadline|termijn|datum|later"
        r"|opnieuw|te laat|nu al|elk jaar)\b",
    ),
    (
        "wie",  # also "moet ik die tekenen?": whether it is the asker's job
        r"\b(wie|wiens|welke instantie|zelf doen|mijn begeleider|de begeleider)\b"
        r"|\bmoet ik (die|dat|het|dit|deze) (zelf )?(tekenen|ondertekenen|aanvragen|invullen|regelen|doen)\b",
    ),
    ("hoe", r"\b(hoe|waar|waarvandaan|regel|regelen|aanvragen|haal|krijg)\b"),
    ("uitleg", r"\b(wat|waarom|betekent|betekenis|snap|begrijp|bedoel|bedoelt|uitleg|uitleggen|huh|he)\b"),
)
NOT_IN_RULES = {
    "wie": "wie dit regelt",
    "hoe": "hoe dit precies gaat",
    "wanneer": "wanneer dit moet of hoe lang het duurt",
}


# "wie krijgt dat te zien?" asks who receives or reads it; the `wie` line says who arranges it.
WHO_RECEIVES = re.compile(
    r"\bwie\b.*\b(zien|ziet|lezen|leest|krijgen|krijgt|horen|hoort|ontvangen|ontvangt)\b"
)


def aspect_of(text: str) -> str | None:
    """Which aspect of an item a short question asks about; None when it asks something else."""
    folded = fold(text)
    if WHAT_IF.search(folded) or WHO_RECEIVES.search(folded):
        return None
    return next((aspect for aspect, pattern in ASPECT_PATTERNS if re.search(pattern, folded)), None)


@dataclass(frozen=True)
class CurrentItem:
    label: str  # "Inkomensverklaring", or the criterion as the check words it
    entry: Entry
    region: str | None


def current_item(tracker: Tracker) -> CurrentItem | None:
    """The document or criterion a checklist form is asking about right now."""
    form = FORMS.get((tracker.active_loop or {}).get("name") or "")
    slot = tracker.get_slot("requested_slot") or ""
    if form is None or not slot.startswith(form[0]):
        return None
    region = tracker.get_slot("regio")
    items = form[1](region)
    number = int(slot.removeprefix(form[0]))
    if not 1 <= number <= len(items):
        return None
    item = items[number - 1]
    label = document_label(item["type"]) if "type" in item else item["label"]
    return CurrentItem(label, default_knowledge_base().by_id(item["entry"]), region)


def about_the_item(text: str) -> bool:
    """Short and naming nothing of its own: "wie regelt dat?", "hoe vraag ik het aan", "waarom?"."""
    own = words(CLIENT_MENTION.sub(" ", fold(text)))
    if not own or len(own) > MAX_ITEM_QUESTION_WORDS:
        return False
    if REFERRING_WORDS & set(own) or set(own) <= BARE_QUESTION_WORDS or WEAK_POINTING_WORDS & set(own):
        return True
    if any(PRONOMINAL_ADVERB.fullmatch(word) for word in own):
        return True
    for i, word in enumerate(own):
        if word == "het":
            after = own[i + 1 : i + 2]
            last_infinitive = i + 2 == len(own) and own[-1].endswith("en")  # "wie moet het tekenen"
            if not after or after[0] in PRONOUN_HET_BEFORE or last_infinitive:
                return True
    return False


def for_asker(line: str, audience: str) -> str:
    """A client's plain line as its asker reads it: a begeleider is told it is the client's wording."""
    return f"Voor je cliënt, in eenvoudige woorden: {line}" if audience == "begeleider" else line


def item_answer(item: CurrentItem, aspect: str | None, asker: Asker) -> tuple[str, bool]:
    """(reply, answered): the item's line for `aspect`, or honestly that we do not know. A search would
    guess: with no words of its own, "kost dat geld?" found money topics, "is dat verplicht?" another
    region's rule."""
    if aspect is None:
        texts = messages()["item_onbekend"]
        return texts[asker.audience].format(regio=region_label(item.region)), False
    line = item.entry.kort_line(aspect)
    if line:
        return for_asker(line, asker.audience), True
    texts = messages()["item_niet_in_afspraken"]
    text = texts[asker.audience].format(wat=NOT_IN_RULES[aspect], regio=region_label(item.region))
    return text, False


async def answer_about_item(dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
    """Answers a short question about the checklist item on screen; False when it is not one.
    Right after an answer to a question in between ("wat is een veldtafel" -> "duurt dat lang?"),
    "dat" is that answer's topic and the follow-up search takes it; only "wat is dat?" is still
    the item (that topic was just explained; the checklist's reminder names the item)."""
    text = tracker.latest_message.get("text") or ""
    item = current_item(tracker)
    if item is None or not about_the_item(text):
        return False
    aspect = aspect_of(text)  # None: something no line of the item says ("kost dat geld?")
    if aspect != "uitleg" and entry_given_just_before(tracker):
        return False
    reply, answered = item_answer(item, aspect, asker_from(tracker))
    dispatcher.utter_message(text=reply)
    if not answered:  # a gap in the item's explanation: the editors see it
        await asyncio.to_thread(
            store().add_feedback, "onbeantwoord", f"{item.label}: {text}", item.entry.id, item.region
        )
    return True


def line_about_entry(entry_id: str, text: str) -> str | None:
    """The line of entry `entry_id` that a short question about it asks for ("wie moet die tekenen?"):
    who, how or when, when the entry has one; None otherwise."""
    if not about_the_item(text):
        return None
    aspect = aspect_of(text)
    if aspect not in NOT_IN_RULES:  # wie, hoe, wanneer; "wat is dat?" is niet_begrepen's (action_uitleg)
        return None
    try:
        return default_knowledge_base().by_id(entry_id).kort_line(aspect)
    except KeyError:  # an id from an older knowledge base
        return None


def answer_about_entry_just_given(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict] | None:
    """Outside a checklist, right after a knowledge answer, a short question about that answer's topic
    ("wie moet die tekenen?" after the driepartijenovereenkomst) that the follow-up search could not
    place in another entry: the topic's own line for that aspect, when it has one. None otherwise
    (the caller goes on to "Bedoel je…?"). Keeps the topic, so a next short question is about it too."""
    entry_id = entry_given_just_before(tracker)
    if not entry_id or tracker.active_loop_name:
        return None
    line = line_about_entry(entry_id, tracker.latest_message.get("text") or "")
    if not line:
        return None
    dispatcher.utter_message(text=for_asker(line, asker_from(tracker).audience))
    return [SlotSet("laatste_kennis_id", entry_id)]


class ActionUitleg(Action):
    """ "Snap ik niet": the checklist item or the answer just given, in simpler words; or how to go on.

    Also counted for the editors ("onduidelijk", with the entry), so they see which texts lose people.
    """

    def name(self) -> str:
        return "action_uitleg"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        asker = asker_from(tracker)
        texts = messages()["niet_begrepen"]
        item = current_item(tracker)
        # Also right after an answer to a question in between: the checklist asks about the item
        # again, and its plain explanation helps to answer that.
        if item is not None:
            reply, _ = item_answer(item, "uitleg", asker)
            dispatcher.utter_message(text=reply)
            await self.count(tracker, item.entry.id, item.label)
            return []
        if tracker.get_slot("requested_slot") == "gemeente":  # the checklist's place question
            dispatcher.utter_message(text=texts["plaatsvraag"][asker.audience])
            return []
        entry = self.answer_just_given(tracker)
        if entry is None:
            dispatcher.utter_message(text=texts["zonder_context"][asker.audience])
            return []
        await self.count(tracker, entry.id, tracker.get_slot("laatste_vraag") or entry.title)
        line = entry.kort_line("uitleg")
        if asker.audience == "begeleider":  # to pass on: the client's full text, not only the gist
            dispatcher.utter_message(text=f"Korter, in de woorden voor cliënten:\n{entry.client}")
        elif line:
            dispatcher.utter_message(text=f"Ik zeg het eenvoudiger. {line}")
        else:
            dispatcher.utter_message(text=texts["niet_eenvoudiger"], buttons=texts["buttons"])
        return []

    @staticmethod
    def answer_just_given(tracker: Tracker) -> Entry | None:
        entry_id = entry_given_just_before(tracker)
        try:
            return default_knowledge_base().by_id(entry_id) if entry_id else None
        except KeyError:  # an id from an older knowledge base
            return None

    @staticmethod
    async def count(tracker: Tracker, entry_id: str, question: str) -> None:
        await asyncio.to_thread(
            store().add_feedback, "onduidelijk", question, entry_id, tracker.get_slot("regio")
        )
