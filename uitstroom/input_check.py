"""Classifies raw user input that the NLU model cannot sensibly read.

Kinds: "leeg" (empty or whitespace), "geen_tekst" (emoji, punctuation or digits
only), "onleesbaar" (binary-looking or control characters), "andere_taal"
(clearly English, or mostly written in another script than the Latin one).
Everything else is None: normal text, including Dutch with English words mixed in.
"""

from __future__ import annotations

import re
import unicodedata

from uitstroom.text import words

FEEDBACK_EMOJI = {"👍", "👎"}  # a rating, not unreadable input
# Skin tones and the emoji variation selector: "👍🏽" is the same rating as "👍".
_EMOJI_MODIFIERS = re.compile("[\U0001f3fb-\U0001f3ff\ufe0f]")


def is_typed_rating(text: str) -> bool:
    """Only 👍/👎, one or more, any skin tone: a rating typed instead of clicked, not unreadable input."""
    stripped = _EMOJI_MODIFIERS.sub("", "".join(text.split()))
    return bool(stripped) and set(stripped) <= FEEDBACK_EMOJI


# A score is an answer, not "only signs": "100%" (yes), "8/10" (a grade), "50/50" (not sure).
_SCORE = re.compile(r"\s*\d{1,3}\s*(?:%|/\s*\d{1,3})\s*[!.]*\s*")
MAX_CHARS = 1000  # longer messages are clipped before NLU: meaning sits at the start, cost grows with length

_DUTCH = frozenset(
    [
        "de",
        "het",
        "een",
        "en",
        "ik",
        "je",
        "jij",
        "mijn",
        "is",
        "ben",
        "bent",
        "niet",
        "wat",
        "hoe",
        "wanneer",
        "waar",
        "wie",
        "moet",
        "kan",
        "wil",
        "heb",
        "hebt",
        "van",
        "voor",
        "met",
        "op",
        "aan",
        "naar",
        "dat",
        "die",
        "dit",
        "er",
        "ook",
        "nog",
        "al",
        "maar",
        "of",
        "als",
        "om",
        "te",
        "woning",
        "huis",
        "hulp",
        "begeleider",
        "graag",
        "dank",
        "hoi",
        "hallo",
        "doei",
    ]
)
_ENGLISH = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "i",
        "you",
        "my",
        "is",
        "am",
        "are",
        "not",
        "what",
        "how",
        "when",
        "where",
        "who",
        "must",
        "can",
        "want",
        "have",
        "of",
        "for",
        "with",
        "on",
        "to",
        "that",
        "this",
        "there",
        "also",
        "still",
        "but",
        "or",
        "if",
        "please",
        "help",
        "house",
        "thanks",
        "hello",
        "do",
        "does",
        "need",
        "my",
        "your",
        "it",
        "me",
    ]
)


def _is_binary_like(text: str) -> bool:
    odd = sum(
        1
        for ch in text
        if ch == "\ufffd" or (unicodedata.category(ch) in {"Cc", "Cs", "Co", "Cn"} and ch not in "\n\r\t")
    )
    return odd >= 3 and odd / max(len(text), 1) > 0.1


def _mostly_other_script(text: str) -> bool:
    """Cyrillic, Arabic, Tigrinya (Ge'ez), Greek, ...: a language we do not answer in, not mash."""
    letters = [ch for ch in text if ch.isalpha()]
    other = sum(not unicodedata.name(ch, "").startswith("LATIN") for ch in letters)
    return len(letters) >= 3 and other > len(letters) / 2


def classify(text: str | None) -> str | None:
    if text is None or not text.strip():
        return "leeg"
    if is_typed_rating(text):
        return None
    if _is_binary_like(text):
        return "onleesbaar"
    if not any(ch.isalpha() for ch in text) and not _SCORE.fullmatch(text):
        return "geen_tekst"
    if _mostly_other_script(text[:MAX_CHARS]):
        return "andere_taal"
    tokens = words(text[:MAX_CHARS])
    if len(tokens) >= 3:
        dutch = sum(t in _DUTCH for t in tokens)
        english = sum(t in _ENGLISH for t in tokens)
        if english >= 2 and english > 2 * dutch:
            return "andere_taal"
    return None


def clip(text: str) -> str:
    return text if len(text) <= MAX_CHARS else text[:MAX_CHARS]
