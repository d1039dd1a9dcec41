"""Turns a knowledge entry into the text the user sees: their variant, their region, the source."""

from __future__ import annotations

from dataclasses import dataclass

from uitstroom.knowledge.model import GENERAL_REGION, Entry, KnowledgeBase

UNCOVERED = "onbekend"  # slot value for a known gemeente outside the five handbook regions


@dataclass(frozen=True)
class Asker:
    audience: str = "client"  # "client" or "begeleider"
    region: str | None = None  # region id, UNCOVERED, or None when not known yet
    gemeente: str | None = None


def region_note(kb: KnowledgeBase, entry: Entry, asker: Asker) -> str:
    """One sentence that says for which region this answer holds. Where the region's own rules are
    silent, a client is sent to their begeleider; a begeleider to the gemeente or their organisation."""
    if not entry.is_general:
        labels = ", ".join(kb.regions[r].label for r in entry.regions if r in kb.regions)
        return f"Dit geldt voor {labels}."
    begeleider = asker.audience == "begeleider"
    if asker.region == UNCOVERED:
        place = asker.gemeente or ("de gemeente van je cliënt" if begeleider else "jouw gemeente")
        check = (
            "Check de regionale afspraken bij de gemeente of je eigen organisatie."
            if begeleider
            else "Vraag je begeleider hoe het bij jou precies gaat."
        )
        return f"Voor {place} heb ik geen eigen handboek. Dit is de algemene route. {check}"
    if asker.region and asker.region != GENERAL_REGION:
        label = kb.regions[asker.region].label
        check = (
            f"Check bij de gemeente of je eigen organisatie of het in {label} ook zo gaat."
            if begeleider
            else "Vraag je begeleider of het bij jou ook zo gaat."
        )
        return f"De afspraken van {label} zeggen hier niets apart over. Dit is de algemene route. {check}"
    if begeleider:
        return "Dit is de algemene route. Noem de gemeente van je cliënt, dan geef ik de regionale afspraken."
    return "Dit is de algemene route. Vraag je begeleider hoe het in jouw regio gaat."


def contacts_line(entry: Entry) -> str:
    parts = [c.line() for c in entry.contacts]
    return ("Contact: " + "; ".join(parts)) if parts else ""


def sources_line(kb: KnowledgeBase, entry: Entry) -> str:
    return "Bron: " + kb.citations(entry.sources)


def compose(kb: KnowledgeBase, entry: Entry, asker: Asker) -> str:
    body = entry.answer(asker.audience)
    if asker.audience == "begeleider":
        body = f"{entry.title_for('begeleider')}\n{body}"
    lines = [body, region_note(kb, entry, asker), contacts_line(entry), sources_line(kb, entry)]
    return "\n\n".join(line for line in lines if line)
