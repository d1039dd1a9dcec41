"""Entity extractor for `rol`: the user says who they are ("ik ben ambulant begeleider", "client hier").

Only a role word that the user applies to themselves counts: after "ik ben", "ik werk als",
"wij zijn", "als" at the start or after "ik" ("wat kan ik hier als begeleider"), or as the
whole message ("begeleider", "cliënt hier").
"mijn begeleider", "een cliënt aanmelden" and "ik ben geen begeleider" are not a role.
The value is normalised to the categorical values of the `rol` slot: client or begeleider.
Professionals around the client (hulpverlener, casemanager, wmo-consulent, bewindvoerder)
count as begeleider; family, mantelzorgers and mentors get no role.
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from uitstroom_nlu.component import StatelessComponent, add_entities

ENTITY = "rol"
CLIENT = "client"
BEGELEIDER = "begeleider"

# Role nouns, longest alternatives first; each with the slot value it stands for.
_NOUNS: list[tuple[str, str]] = [
    (r"(?:persoonlijke?|ambulante?)\s+(?:\w*begeleid(?:er|ster)s?|hulpverleners?)", BEGELEIDER),
    (r"\w*begeleid(?:er|ster)s?", BEGELEIDER),
    (r"pb[' -]?ers?|pb", BEGELEIDER),
    (r"\w*hulpverleners?|zorgverleners?", BEGELEIDER),
    (r"case\s?managers?", BEGELEIDER),
    (r"professionals?", BEGELEIDER),
    (r"\w*medewerkers?", BEGELEIDER),
    (r"(?:sociaal|maatschappelijk|ambulant)\s+werkers?|\w+werkers?", BEGELEIDER),
    (r"(?:wmo[- ]?)?\w*consulent(?:e|en)?", BEGELEIDER),
    (r"\w*co[öo]rdinator(?:en)?", BEGELEIDER),
    (r"teamleiders?", BEGELEIDER),
    (r"bewindvoerders?", BEGELEIDER),
    (r"ervaringsdeskundigen?", BEGELEIDER),
    (r"stagiaires?|stagiairs?", BEGELEIDER),
    (r"cli[eë]ntondersteuners?", BEGELEIDER),
    (r"cli[eë]nte?n?", CLIENT),
    (r"bewoners?|bewoonster", CLIENT),
    (r"deelnemers?", CLIENT),
]
_NOUN = "|".join(f"(?:{pattern})" for pattern, _ in _NOUNS)
_VALUE = [(re.compile(rf"^(?:{pattern})$", re.IGNORECASE), value) for pattern, value in _NOUNS]

# Words that may stand between "ik ben" and the role noun ("ik ben zelf gewoon een cliënt").
_FILLER = (
    r"(?:(?:een|de|het|hun|zelf|gewoon|hier|nu|eigenlijk|dus|ook|al|zelfs|sinds\s+kort|werkzaam)\s+){0,3}"
)
_SELF = re.compile(
    rf"(?:\b(?:ik\s+ben|ben\s+ik|ik\s+werk\s+als|werkzaam\s+als|wij\s+zijn|we\s+zijn)|^\W*(?:ben|werk\s+als))\s+{_FILLER}"
    rf"(?P<rol>{_NOUN})\b",
    re.IGNORECASE,
)
# "als begeleider wil ik...", "wat kan ik hier als cliënt": "als" at the start or after "ik";
# elsewhere "als" is mostly "if" ("wat als de cliënt weigert").
_AS = re.compile(
    rf"(?:^\W*|\bik\b[^.?!,;]{{0,60}}?\s)als\s+(?:een\s+)?(?P<rol>{_NOUN})\b",
    re.IGNORECASE,
)
# The message opens with the role, as an introduction: "begeleider", "client hier", "pb'er hier,
# regio Hoorn", "zelf cliënt, woon in Zwaag", "casemanager bij het Leger des Heils, dat ben ik".
# Not "cliënt wil weten...": the role must be followed by "hier", a comma, the end, or where one works.
# ...but "cliënt bij ons wil verhuizen", "begeleider van mijn zoon belt niet" are about someone else.
_VERB = r"(?:wil|wilt|belt|is|heeft|zegt|kan|moet|doet|gaat|komt|weet|zit|wordt|vraagt|reageert)\b"
_QUESTION = r"(?:wat|wie|hoe|waar|wanneer|welke|waarom|is|doet|heeft|kan|moet)\b"  # "pb'er, wat doet die?"
_NOT_A_PLACE = r"(?:ons|mij|mijn|jou|jullie|hem|haar)\b"
_ALONE = re.compile(
    rf"^\W*(?:(?:een|de|ik|zelf|gewoon)\s+){{0,2}}(?P<rol>{_NOUN})"
    rf"(?:\s+hier\b|\s*[,.!](?!\s*{_QUESTION})|\W*$|\s+(?:bij|in|op|van)\s+(?!{_NOT_A_PLACE})(?:(?:de|het|een)\s+)?"
    rf"(?:(?!{_VERB})[\w'’-]+\s*){{1,3}}(?:,|$))",
    re.IGNORECASE,
)


_ANY_ROLE = re.compile(rf"\b(?:{_NOUN})\b", re.IGNORECASE)


def mentions_role(text: str) -> bool:
    """A role noun anywhere, also about someone else ("mijn begeleider", "een bewoner")."""
    return bool(_ANY_ROLE.search(text))


def find_roles(text: str) -> list[tuple[int, int, str]]:
    """(start, end, value) for each role the writer gives themselves."""
    found: dict[int, tuple[int, int, str]] = {}
    for regex in (_SELF, _AS, _ALONE):
        for match in regex.finditer(text):
            start, end = match.span("rol")
            noun = " ".join(match.group("rol").split())
            value = next((v for r, v in _VALUE if r.match(noun)), None)
            if value:
                found.setdefault(start, (start, end, value))
    return sorted(found.values())


@lru_cache(maxsize=1024)
def roles_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """find_roles, remembered per text: the intent classifier's role feature and this extractor
    both look at every message (as places_in does for places)."""
    return tuple(find_roles(text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class RoleExtractor(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            add_entities(message, ENTITY, list(roles_in(message.get(TEXT) or "")), self.__class__.__name__)
        return messages
