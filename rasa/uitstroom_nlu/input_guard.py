"""Two pipeline components that keep unreadable input and crises out of the learned model's hands.

`InputGuard` runs first: it notes what kind of input this is (empty, emoji
only, binary, keyboard mash, another language, a crisis, a BSN, a typed 👍/👎) on the full
text, then clips very long text so the rest of the pipeline stays fast. `GuardIntentOverride` runs
after the intent classifier and replaces its guess where the guard knows better.
"""

from __future__ import annotations

import re

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from uitstroom.input_check import classify, clip, is_typed_rating
from uitstroom.privacy import has_bsn
from uitstroom.safety import is_crisis
from uitstroom.text import fold
from uitstroom_nlu.component import StatelessComponent

GUARD = "uitstroom_guard"
# Which intent each kind of input is answered with (all in domain.yml).
OVERRIDES = {
    "crisis": "crisis",
    "bsn": "deelt_bsn",
    "leeg": "onleesbaar",
    "geen_tekst": "onleesbaar",
    "onleesbaar": "onleesbaar",
    "andere_taal": "andere_taal",
    "beoordeling": "feedback",
}

# Intents only the guard can tell (a BSN is in the message or not): never the model's guess alone.
GUARD_ONLY = frozenset(["deelt_bsn"])


# Keyboard mash ("asdfgh", "jkjkjkjk", "zzzz", "skdjfhskdjf"): a message of at most three
# words that are all mash is unreadable. Deliberately narrow: "jaaa", "neee", "hahaha",
# "thnx" and "hmm" are words.
_KEYBOARD = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_HOME_ROW = frozenset("asdfghjkl")
_VOWELS = frozenset("aeiouy")
_WORDS_WITHOUT_VOWELS = frozenset(["thnx", "thnks", "tnx", "thx", "psst", "sst", "hm", "pf", "m"])
# Repeated syllables that are words: laughter, "jaja", and goodbyes ("dagdag", "byebye").
_REPEATED_WORD = re.compile(r"(?:ha|hi|he|hu|ja|ne|nee|jo|no|na|ok|doei|hoi|hey|dag|bye|ta|bla|kus)+")


def _keyboard_run(token: str, length: int = 4) -> bool:
    rows = _KEYBOARD + tuple(row[::-1] for row in _KEYBOARD)
    return any(token[i : i + length] in row for row in rows for i in range(len(token) - length + 1))


def is_mash_word(token: str) -> bool:
    if not token.isalpha():
        return False
    squeezed = re.sub(r"(.)\1+", r"\1", token)  # "jaaaa" -> "ja", "hmmm" -> "hm"
    if _REPEATED_WORD.fullmatch(squeezed) or squeezed in _WORDS_WITHOUT_VOWELS:
        return False
    if len(set(token)) == 1 and len(token) >= 3:  # "xxxxx", "ooo"
        return True
    if len(token) >= 4 and not set(token) & _VOWELS and token not in _WORDS_WITHOUT_VOWELS:
        return True  # "zzzz", "brrrr", "sdfsdf", "mnbvcx"
    if len(token) >= 6 and len(set(token)) <= 2:
        return True  # "jkjkjkjk"
    if len(token) >= 6 and set(token) <= _HOME_ROW and token.count("a") / len(token) < 0.3:
        return True  # "aksjdhakjsd"; but "dahaag" and "afslag" are words: a mash seldom has many a's
    if len(token) >= 6 and re.fullmatch(r"(.{2,4})\1+.{0,3}", token):
        return True  # "asdasd", "rtyrty"
    return len(token) >= 5 and _keyboard_run(token)  # "qwerty", "poiuyt", "ghjkl"


def is_keyboard_mash(text: str) -> bool:
    tokens = re.findall(r"[^\W\d_]+", fold(text))
    latin = all(re.fullmatch(r"[a-z]+", t) for t in tokens)  # other scripts: andere_taal, not mash
    return latin and 0 < len(tokens) <= 3 and all(is_mash_word(t) for t in tokens)


def input_kind(text: str) -> str | None:
    """What kind of input this is (see the OVERRIDES keys), None for ordinary text."""
    if is_crisis(text):
        return "crisis"
    if has_bsn(text):  # whatever else the message says: first tell them we do not need it
        return "bsn"
    if is_typed_rating(text):  # "👍", "👎👎"
        return "beoordeling"
    kind = classify(text)
    if kind is None and is_keyboard_mash(text):
        return "onleesbaar"
    return kind


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER], is_trainable=False)
class InputGuard(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            kind = input_kind(text)
            message.set(GUARD, {"kind": kind, "length": len(text)}, add_to_output=True)
            if text != clip(text):
                message.set(TEXT, clip(text))
        return messages


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class GuardIntentOverride(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            kind = (message.get(GUARD) or {}).get("kind")
            intent = OVERRIDES.get(kind or "")
            if intent is None:
                self._drop_guard_only(message)
                continue
            overridden = {"name": intent, "confidence": 1.0}
            # The guard's decision is no close call: the model's own guesses stay visible but at 0, or
            # the FallbackClassifier calls "crisis 1.0 / stop 0.99" ambiguous and the 113 is lost.
            others = [r for r in (message.get(INTENT_RANKING_KEY) or []) if r.get("name") != intent]
            ranking = [overridden] + [{**r, "confidence": 0.0} for r in others]
            message.set(INTENT, overridden, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
        return messages

    @staticmethod
    def _drop_guard_only(message: Message) -> None:
        """The model learned "bsn" as a word ("mijn bsn heb ik niet bij me" -> deelt_bsn); only the
        guard sees whether a number is there, so without it the next intent in the ranking counts."""
        ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") not in GUARD_ONLY]
        if (message.get(INTENT) or {}).get("name") in GUARD_ONLY:
            best = ranking[0] if ranking else {"name": None, "confidence": 0.0}
            message.set(INTENT, best, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)
