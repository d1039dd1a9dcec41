"""Entity extractor for places (gemeenten, woonplaatsen, nicknames) from our own gazetteer.

On top of `Gazetteer.find` (uitstroom/gazetteer.py) the extractor
- drops everyday words that the typo tolerance takes for a place ("verhuizen" is not
  Venhuizen, "geleden" is not Geleen) and treats "huizen" (houses) like the other
  common-word names: a place only with a capital or after a cue word ("in Huizen");
- takes a district after the name into the span ("Amsterdam Oost", "hoorn noord");
- leaves out an article that is not part of the name ("de Jordaan" -> "Jordaan",
  but "De Bilt" stays whole).
The entity value is the gemeente, or `regio:<id>` for a region name ("West-Friesland");
actions resolve it through the gazetteer (actions/places.py).
"""

from __future__ import annotations

import re
from functools import lru_cache

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from uitstroom.gazetteer import CUE_WORDS, REGION_PREFIX, Gazetteer, default_gazetteer
from uitstroom.text import fold
from uitstroom_nlu.component import StatelessComponent, add_entities

ENTITY = "plaats"
# Dutch words within typo distance of a place name (found by running the matcher over knowledge/).
NOT_PLACES = frozenset(["verhuizen", "leidend", "geleden", "gelezen", "geleend", "gelegen"])
# Place names that are also everyday words and that uitstroom.gazetteer does not list yet.
COMMON_WORD_NAMES = frozenset(["huizen"])
DISTRICT = r"(?:[ -](?:noord|oost|zuid|west|zuidoost|noordoost|zuidwest|noordwest|nieuw-west|centrum))"
_TOKEN = re.compile(r"[\w'’-]+")
_DISTRICT_AFTER = re.compile(rf"^{DISTRICT}\b", re.IGNORECASE)
_NAME_WITH_DISTRICT = re.compile(rf"\b(?P<name>[\w'’-]+){DISTRICT}\b", re.IGNORECASE)
_ARTICLE = re.compile(r"^(?:de|het)\s+", re.IGNORECASE)


def _cued(text: str, start: int) -> bool:
    previous = [fold(t) for t in _TOKEN.findall(text[:start])[-2:]]
    return bool(set(previous) & CUE_WORDS)


def find_places(text: str, gazetteer: Gazetteer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, gemeente) for every place in the text."""
    gazetteer = gazetteer or default_gazetteer()
    found: list[tuple[int, int, str]] = []
    for place in gazetteer.find(text):
        start, end = place.start, place.end
        key = fold(place.text)
        if key in NOT_PLACES or (found and start < found[-1][1]):
            continue
        if key in COMMON_WORD_NAMES and not (place.text[:1].isupper() or _cued(text, start)):
            continue
        article = _ARTICLE.match(place.text)
        if article and gazetteer.lookup(place.text[article.end() :]) is not None:
            start += article.end()
        district = _DISTRICT_AFTER.match(text[end:])
        if district:
            end += district.end()
        found.append((start, end, place.gemeente or f"{REGION_PREFIX}{place.region}"))
    # "hoorn noord": a common-word name that counts because a district follows it
    # (with a capital, after a cue word or as the whole message, like the other names).
    for match in _NAME_WITH_DISTRICT.finditer(text):
        start, end = match.span()
        if any(s <= start < e for s, e, _ in found) or fold(match["name"]) in NOT_PLACES:
            continue
        if not (match["name"][:1].isupper() or _cued(text, start) or not text[:start].strip()):
            continue
        entry = gazetteer.lookup(match["name"])
        if entry is not None:
            found.append((start, end, entry.gemeente))
    return sorted(found)


@lru_cache(maxsize=1024)
def places_in(text: str) -> tuple[tuple[int, int, str], ...]:
    """find_places with the default gazetteer, remembered per text: the intent classifier's place
    features and this extractor both look at every message."""
    return tuple(find_places(text))


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class PlaceExtractor(StatelessComponent):
    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            add_entities(message, ENTITY, list(places_in(message.get(TEXT) or "")), self.__class__.__name__)
        return messages
