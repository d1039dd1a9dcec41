"""Places the user names: resolved to a gemeente and a region through the gazetteer."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from uitstroom.gazetteer import default_gazetteer
from uitstroom.knowledge.answer import UNCOVERED
from uitstroom.knowledge.model import default_knowledge_base


def place_from_message(tracker: Tracker) -> tuple[str, str] | None:
    """(gemeente, region slot value) for the last place the user named in this message."""
    values = [
        e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "plaats"
    ]
    if not values:
        return None
    gemeente = default_gazetteer().gemeenten.get(values[-1])
    if gemeente is None:
        return None
    return gemeente.gemeente, gemeente.region or UNCOVERED


def place_events(gemeente: str, region: str) -> list[dict[str, Any]]:
    return [SlotSet("gemeente", gemeente), SlotSet("regio", region)]


def place_confirmation(gemeente: str, region: str, audience: str = "client") -> str:
    # A begeleider names the gemeente their question is about, not where they live.
    begeleider = audience == "begeleider"
    if region == UNCOVERED:
        if begeleider:
            return (
                f"Gemeente {gemeente}: voor die regio heb ik geen eigen handboek. Ik geef de algemene "
                "route; check de regionale afspraken bij de gemeente of je organisatie."
            )
        return (
            f"Je woont in de gemeente {gemeente}. Voor die regio heb ik geen eigen handboek. "
            "Ik geef je de algemene route. Vraag je begeleider wat er bij jou anders is."
        )
    label = default_knowledge_base().regions[region].label
    if begeleider:
        return f"Gemeente {gemeente}: ik geef de regels van {label}."
    return f"Je woont in de gemeente {gemeente}. Ik geef je antwoorden voor {label}."
