"""Places the user names: resolved to a gemeente and a region through the gazetteer.

A region name ("ik woon in West-Friesland") gives the region only: the gemeente stays open.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

from uitstroom.gazetteer import REGION_PREFIX, default_gazetteer
from uitstroom.knowledge.answer import UNCOVERED
from uitstroom.knowledge.model import default_knowledge_base


def place_from_message(tracker: Tracker) -> tuple[str | None, str] | None:
    """(gemeente or None, region slot value) for the last place the user named in this message."""
    values = [
        e.get("value") for e in tracker.latest_message.get("entities", []) if e.get("entity") == "plaats"
    ]
    if not values:
        return None
    value = str(values[-1])
    if value.startswith(REGION_PREFIX):
        region = value.removeprefix(REGION_PREFIX)
        return (None, region) if region in default_knowledge_base().regions else None
    gemeente = default_gazetteer().gemeenten.get(value)
    if gemeente is None:
        return None
    return gemeente.gemeente, gemeente.region or UNCOVERED


def place_events(gemeente: str | None, region: str) -> list[dict[str, Any]]:
    return [SlotSet("gemeente", gemeente), SlotSet("regio", region)]


def place_confirmation(gemeente: str | None, region: str, audience: str = "client") -> str:
    # A begeleider names the gemeente their question is about, not where they live.
    begeleider = audience == "begeleider"
    if gemeente is None:  # a region name
        label = default_knowledge_base().regions[region].label
        if begeleider:
            return f"Regio {label}: ik geef de regels van {label}."
        return f"Ik geef je antwoorden voor {label}."
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
