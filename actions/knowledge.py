"""Answers procedure questions from the curated knowledge base, for the asker's region and role."""

from __future__ import annotations

import asyncio

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import asker_from, entry_given_just_before, never_crash
from actions.feelings import acknowledge_feeling, topics_intro
from actions.identity import known_asker, store
from actions.item_questions import answer_about_entry_just_given, answer_about_item
from actions.messages import messages, say
from actions.places import place_events, place_from_message
from uitstroom.knowledge.answer import UNCOVERED, Asker, compose
from uitstroom.knowledge.model import GENERAL_REGION, Entry, default_knowledge_base
from uitstroom.knowledge.retrieval import Evidence, Hit, content_words, default_retriever
from uitstroom.text import REFERRING_WORDS, words

# Topics this far below the answer threshold are not worth a button.
SUGGEST_MARGIN = 0.3
MAX_FOLLOW_UP_WORDS = 8


def answer_threshold() -> float:
    """Below this we do not answer, we offer the closest topics (set in retrieval.py)."""
    return default_retriever().answer_threshold


def search_region(asker: Asker) -> str | None:
    if asker.region == UNCOVERED:
        return GENERAL_REGION
    return asker.region


Searched = tuple[list[Hit], Evidence]  # one question's hits and its evidence, to rank it again cheaply


async def search(text: str, asker: Asker, k: int = 3) -> list[Hit]:
    return (await search_with_evidence(text, asker, k))[0]


async def search_with_evidence(text: str, asker: Asker, k: int = 3) -> Searched:
    """Off the event loop: the embedding releases the GIL, so other conversations go on meanwhile."""
    retriever = default_retriever()
    evidence = await asyncio.to_thread(retriever.evidence, text)
    return await asyncio.to_thread(retriever.rank, evidence, search_region(asker), k), evidence


def answered_just_before(tracker: Tracker) -> str | None:
    """The question the knowledge base answered right before this message, if it did."""
    return tracker.get_slot("laatste_vraag") if entry_given_just_before(tracker) else None


def is_follow_up(text: str) -> bool:
    """Short, with a word pointing back: "wie maakt dat?", "moet ik die verlengen"."""
    own = words(text)
    return len(own) <= MAX_FOLLOW_UP_WORDS and bool(REFERRING_WORDS & set(own))


# A follow-up's context: the earlier question and the entry that answered it.
FollowUp = tuple[str, str | None]


def follow_up_context(tracker: Tracker) -> FollowUp | None:
    """When the latest message follows up on the answer just given: (earlier question, entry)."""
    if not is_follow_up(tracker.latest_message.get("text") or ""):
        return None
    earlier = answered_just_before(tracker)
    return (earlier, tracker.get_slot("laatste_kennis_id")) if earlier else None


def general_twin(entry: Entry, given: str | None) -> bool:
    """`entry` is the general route's entry on the topic of the regional answer just given: that
    region's own rule was just given, and the general one is vaguer or says otherwise ("wat is een
    inkomensverklaring" -> ask the Belastingdienst; then "waar haal ik die" must not get "your zorg-
    aanbieder provides it")."""
    if given is None or not entry.is_general:
        return False
    try:
        earlier = default_knowledge_base().by_id(given)
    except KeyError:  # the slot holds an id from an older knowledge base
        return False
    return not earlier.is_general and entry.topic == earlier.topic


def without_general_twin(hits: list[Hit], context: FollowUp | None) -> list[Hit]:
    """A follow-up's own hits without the general twin of the answer just given (the answer itself
    stays: asking about it again gets it again). Other messages' hits as they are."""
    if context is None:
        return hits
    return [h for h in hits if not general_twin(h.entry, context[1])]


async def follow_up_search(
    text: str, context: FollowUp | None, asker: Asker, threshold: float
) -> tuple[str, Searched] | None:
    """A short question that points back at the answer just given ("wie maakt dat?" after "wat is
    een perspectiefplan") has too few words of its own: search again with the earlier question's
    words, without the entry already given or its general twin (measured: bench/eval_follow_ups.py).
    (question read in context, its search) when that finds an answer at `threshold`; None when
    this is no follow-up or that finds nothing, and the caller goes on with the message alone."""
    if context is None:
        return None
    earlier, given = context
    question = f"{text} {' '.join(content_words(earlier))}"
    hits, evidence = await search_with_evidence(question, asker, k=5)
    hits = [h for h in hits if h.entry.id != given and not general_twin(h.entry, given)]
    if not hits or hits[0].confidence < threshold:
        return None
    return question, (hits[:3], evidence)


def worth_suggesting(hit: Hit) -> bool:
    return hit.confidence >= answer_threshold() - SUGGEST_MARGIN


def suggestion_buttons(hits: list[Hit], audience: str = "client") -> list[dict]:
    return [
        {"title": h.entry.title_for(audience), "payload": f'/vraag_procedure{{"kennis_id": "{h.entry.id}"}}'}
        for h in hits
        if worth_suggesting(h)
    ]


async def answer_question(
    dispatcher: CollectingDispatcher,
    text: str,
    asker: Asker,
    searched: Searched | None = None,
    felt: str | None = None,
    place_asked: bool = False,
    in_checklist: bool = False,
) -> list[dict]:
    """Answers, asks for the place first, or says honestly that it does not know. Returns slot events.
    `searched`: the caller's own search_with_evidence for this text and asker, not done twice.
    `felt`: the asker just said how they feel and heard it acknowledged (actions/feelings.py): no
    "Dat weet ik niet zeker".
    `place_asked`: a checklist is asking for the place right now, so this does not ask it again.
    `in_checklist`: a checklist resumes right after the answer, with its own buttons."""
    hits, evidence = searched or await search_with_evidence(text, asker)
    threshold = answer_threshold()
    if asker.region is None and hits and not hits[0].entry.is_general:
        # The answer differs per region: ask where the user lives, answer right after.
        if place_asked:
            say(dispatcher, "vraag_na_plaats")
        else:
            say(dispatcher, "vraag_plaats", asker.audience)
        return [SlotSet("open_vraag", text)]
    if not hits or hits[0].confidence < threshold:
        await asyncio.to_thread(store().add_feedback, "onbeantwoord", text, None, asker.region)
        buttons = suggestion_buttons(hits, asker.audience)
        other = await other_regions_topic(evidence, asker, threshold, hits)
        if other:
            dispatcher.utter_message(text=not_in_own_rules(other, asker))
            if buttons:
                dispatcher.utter_message(text="Of bedoel je een van deze onderwerpen?", buttons=buttons)
        elif buttons:
            unsure = "Dat weet ik niet zeker. Bedoel je een van deze onderwerpen?"
            unsure = topics_intro(felt) if felt else unsure
            dispatcher.utter_message(text=unsure, buttons=buttons)
        elif felt != "begeleider_onbereikbaar":  # that acknowledgement already said where to go
            say(dispatcher, "weet_niet", asker.audience)
        return []
    # Close call: answer, and offer the runners-up so a wrong first guess costs one tap.
    others = [h for h in hits[1:] if worth_suggesting(h) and hits[0].score - h.score < 0.15]
    return give_answer(dispatcher, hits[0].entry, asker, text, others, in_checklist)


async def answer_pending_question(
    dispatcher: CollectingDispatcher, tracker: Tracker, gemeente: str, region: str,
    audience: str | None = None,
) -> list[dict]:  # fmt: skip
    """The question that waited for the place (slot open_vraag), answered now that the place is known;
    its slot events, open_vraag cleared. [] when nothing waited. `audience`: the role the same message
    gave ("ik ben begeleider in Hoorn"), which the tracker's slot does not hold yet."""
    pending = tracker.get_slot("open_vraag")
    if not pending:
        return []
    asker = Asker(audience=audience or asker_from(tracker).audience, region=region, gemeente=gemeente)
    return await answer_question(dispatcher, pending, asker) + [SlotSet("open_vraag", None)]


async def other_regions_topic(
    evidence: Evidence, asker: Asker, threshold: float, own_hits: list[Hit]
) -> Entry | None:
    """An entry of another region that clearly answers the question: the topic exists, but not in
    the asker's rules ("hoeveel kost woningnet verlengen" in Westfriesland, whose regeling does not
    use WoningNet). We say so instead of "dat weet ik niet", and never give that region's rule.
    Not when one of the asker's own candidates is on the same topic ("wat is een perspectiefplan"
    in Zeist: the general route has one): then the topic is covered, only less surely."""
    own = search_region(asker)
    if own is None or (own == GENERAL_REGION and asker.region != UNCOVERED):
        return None
    hits = await asyncio.to_thread(default_retriever().rank, evidence, None, 1)
    if not hits or hits[0].confidence < threshold or hits[0].entry.is_general or own in hits[0].entry.regions:
        return None
    other = hits[0].entry
    covered = any(h.entry.topic == other.topic for h in own_hits if worth_suggesting(h))
    return None if covered else other


def not_in_own_rules(entry: Entry, asker: Asker) -> str:
    kb = default_knowledge_base()
    texts = messages()["ander_regio_onderwerp"]
    if asker.region == UNCOVERED:
        own = texts["geen_handboek"].format(plaats=asker.gemeente or "jouw gemeente")
    else:
        own = texts["eigen_regio"].format(regio=kb.regions[asker.region].label)
    elsewhere = " en ".join(kb.regions[r].label for r in entry.regions if r in kb.regions)
    return texts[asker.audience].format(eigen=own, onderwerp=entry.title_for(asker.audience), ander=elsewhere)


def give_answer(
    dispatcher: CollectingDispatcher,
    entry: Entry,
    asker: Asker,
    question: str,
    others: list[Hit] | None = None,
    in_checklist: bool = False,
) -> list[dict]:
    """The answer, then either runner-up topics or the 👍/👎 question; remembers what was answered.
    In a checklist no 👍/👎: the checklist's Ja / Nee / Weet ik niet follow at once, and two rows of
    buttons after one answer is too much for a client."""
    dispatcher.utter_message(text=compose(default_knowledge_base(), entry, asker))
    if others:
        buttons = suggestion_buttons(others, asker.audience)
        dispatcher.utter_message(text="Bedoelde je iets anders?", buttons=buttons)
    elif not in_checklist:
        say(dispatcher, "feedback_vraag")
    return [SlotSet("laatste_kennis_id", entry.id), SlotSet("laatste_vraag", question)]


def chosen_entry_id(tracker: Tracker) -> str | None:
    for entity in tracker.latest_message.get("entities", []):
        if entity.get("entity") == "kennis_id":
            return entity.get("value")
    return None


class ActionAnswerKnowledge(Action):
    def name(self) -> str:
        return "action_answer_knowledge"

    @never_crash
    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict) -> list[dict]:
        asker, events = await known_asker(tracker)
        place = place_from_message(tracker)
        if place:
            events += place_events(*place)
            asker = Asker(audience=asker.audience, region=place[1], gemeente=place[0])
        kb = default_knowledge_base()
        in_checklist = tracker.active_loop_name is not None
        entry_id = chosen_entry_id(tracker)
        if entry_id and entry_id in {e.id for e in kb.entries}:
            entry = kb.by_id(entry_id)
            allowed = entry.is_general or asker.region in entry.regions
            if allowed:
                question = entry.title_for(asker.audience)
                return events + give_answer(dispatcher, entry, asker, question, in_checklist=in_checklist)
        if await answer_about_item(dispatcher, tracker):  # "wie regelt dat?" in a checklist
            return events
        felt = acknowledge_feeling(dispatcher, tracker)  # "ik ben bang dat ik geen huis krijg"
        text = tracker.latest_message.get("text") or ""
        context = follow_up_context(tracker)
        hits, evidence = await search_with_evidence(text, asker)
        hits = without_general_twin(hits, context)
        searched = (hits, evidence)
        if not hits or hits[0].confidence < answer_threshold():
            follow_up = await follow_up_search(text, context, asker, answer_threshold())
            if follow_up:
                text, searched = follow_up
            elif (line := answer_about_entry_just_given(dispatcher, tracker)) is not None:
                return events + line
        place_asked = tracker.get_slot("requested_slot") == "gemeente"
        return events + await answer_question(
            dispatcher, text, asker, searched, felt, place_asked, in_checklist
        )
