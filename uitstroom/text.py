"""Text normalisation shared by the gazetteer, the retrieval and the input guard."""

from __future__ import annotations

import re
import unicodedata

_WORD_RE = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def fold(text: str) -> str:
    """Lowercase and strip diacritics, so "cliënt" and "client" compare equal."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Folded word tokens; apostrophes and hyphens stay inside a word ('s-hertogenbosch)."""
    return _WORD_RE.findall(fold(text).replace("’", "'"))


# Words that point back at what was just said: "wie maakt dat?", "moet ik die verlengen".
# (All pronominal adverbs and up to 15 words: measured no better, bench/eval_follow_ups.py.)
REFERRING_WORDS = frozenset([
    "dat", "die", "dit", "deze", "daar", "daarbij", "daarvoor", "daarvan", "daarmee", "daarna", "daarin",
    "daarop", "daarover", "ervan", "ervoor", "erover", "erbij", "erin", "eraan", "hem",
])  # fmt: skip

# A Dutch question starts with a question word ("wie regelt dat") or, for a yes/no question, with a
# finite verb ("heeft Bram zijn formulier al ingeleverd"). Used by the intent features and the checklists.
QUESTION_WORDS = frozenset(
    ["wie", "wat", "wanneer", "waar", "hoe", "welke", "welk", "waarom", "hoeveel", "hoelang"]
)
QUESTION_VERBS = frozenset(
    ["heeft", "hebben", "is", "zijn", "staat", "staan", "kan", "kun", "kunnen", "mag", "moet", "moeten",
     "wil", "gaat", "komt", "zit", "zitten", "loopt", "lopen", "weet", "ben", "heb", "krijg", "krijgt",
     "wordt", "worden", "doe", "doet", "hoef"]
)  # fmt: skip
# "mijn begeleider", "m'n persoonlijk begeleider", "mn begeleidster" (on folded or raw text).
MY_BEGELEIDER = r"\b(?:mijn|m'n|mn) (?:\w+ )?beg(?:e)?le(?:i)?d(?:er|ster)\b"  # also begleider, begeleder
