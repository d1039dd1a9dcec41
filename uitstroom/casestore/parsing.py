"""Reads document types, meetings, statuses, dates and time windows out of a begeleider's sentence.

Rule-based on purpose: an update to a dossier must be predictable and is always
confirmed by the begeleider before it is written.
"""

from __future__ import annotations

import datetime as dt
import re

from uitstroom.casestore.rules import add_months
from uitstroom.text import fold

DOCUMENTS = [
    (r"inkomensverklaring|inkomensverkl", "inkomensverklaring"),
    (r"woning ?net", "woningnet"),
    (r"perspectiefplan", "perspectiefplan"),
    (r"ondersteuningsplan", "ondersteuningsplan"),
    (r"plan van aanpak|pva\b", "plan_van_aanpak"),
    (r"begeleidingsplan", "begeleidingsplan"),
    (r"aanmeldformulier|aanmelding uitstroom", "aanmeldformulier_uitstroom"),
    (r"akkoordbrief", "akkoordbrief"),
    (r"urgentie", "urgentie_onder_voorwaarden"),
    (r"overdrachtsdocument|overdracht document", "overdrachtsdocument"),
    (r"preventie[ -]?actieplan|pap\b", "preventie_actieplan"),
    (r"(3|drie)[ -]?partijen(overeenkomst)?", "driepartijenovereenkomst"),
    (r"begeleidingsovereenkomst", "begeleidingsovereenkomst"),
]
MEETINGS = [
    (r"(uitstroomtafel|ust|tafel) ?(1|een)\b|eerste uitstroomtafel", "uitstroomtafel_1"),
    (r"(uitstroomtafel|ust|tafel) ?(2|twee)\b|tweede uitstroomtafel", "uitstroomtafel_2"),
    (r"(uitstroomtafel|ust|tafel) ?(3|drie)\b|derde uitstroomtafel|planbijeenkomst", "uitstroomtafel_3"),
    (r"veldtafel", "veldtafel"),
    (r"evaluatie", "evaluatie"),
    (r"wijkteam", "wijkteam"),
]
STATUSES = [
    (r"\bnog niet\b|\bniet binnen\b|\bontbreekt\b", "nog_niet"),
    (r"\bverlopen\b", "verlopen"),
    (r"\baangevraagd\b|\bvraagt .* aan\b|\bingediend\b|\bopgestuurd\b", "aangevraagd"),
    (
        r"\bbinnen\b|\bontvangen\b|\bgeregeld\b|\brond\b|\bverlengd\b|\bbetaald\b|\bklaar\b|\bgetekend\b"
        r"|\bingeleverd\b|\baangeleverd\b|\bafgegeven\b|\bgekregen\b|\bbinnengekomen\b|\bingevuld\b|\bcompleet\b",
        "binnen",
    ),
]
MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "april": 4, "apr": 4, "mei": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
NUMBERS = {
    "een": 1,
    "één": 1,
    "twee": 2,
    "drie": 3,
    "vier": 4,
    "vijf": 5,
    "zes": 6,
    "acht": 8,
    "tien": 10,
    "twaalf": 12,
}


def _first(patterns: list[tuple[str, str]], text: str) -> str | None:
    folded = fold(text)
    for pattern, value in patterns:
        if re.search(pattern, folded):
            return value
    return None


def document_type(text: str) -> str | None:
    return _first(DOCUMENTS, text)


def meeting_kind(text: str) -> str | None:
    return _first(MEETINGS, text)


def status(text: str) -> str | None:
    return _first(STATUSES, text)


def _future(day: int, month: int, year: int | None, today: dt.date) -> dt.date | None:
    try:
        if year is not None:
            return dt.date(year if year > 100 else 2000 + year, month, day)
        candidate = dt.date(today.year, month, day)
        return candidate if candidate >= today else dt.date(today.year + 1, month, day)
    except ValueError:
        return None


def date_in(text: str, today: dt.date | None = None) -> dt.date | None:
    """'12 maart', '12 maart 2027', '12-3', '12/03/2027', 'vandaag', 'morgen'."""
    today = today or dt.date.today()
    folded = fold(text)
    if re.search(r"\bvandaag\b", folded):
        return today
    if re.search(r"\bmorgen\b", folded):
        return today + dt.timedelta(days=1)
    month_names = "|".join(sorted(MONTHS, key=len, reverse=True))
    m = re.search(rf"\b(\d{{1,2}}) ({month_names})\b(?: (\d{{4}}))?", folded)
    if m:
        return _future(int(m.group(1)), MONTHS[m.group(2)], int(m.group(3)) if m.group(3) else None, today)
    m = re.search(r"\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{2,4}))?\b", folded)
    if m:
        return _future(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None, today)
    return None


def window_in(text: str, today: dt.date | None = None) -> tuple[dt.date, dt.date] | None:
    """'binnen twee maanden', 'binnen 3 weken', 'deze week', 'deze maand', 'volgende maand' -> (from, to)."""
    today = today or dt.date.today()
    folded = fold(text)
    m = re.search(
        r"\b(?:binnen|de komende|komende|in de komende) (\d+|\w+) (maand|maanden|week|weken|dagen)\b", folded
    )
    if m:
        amount = int(m.group(1)) if m.group(1).isdigit() else NUMBERS.get(m.group(1), 0)
        if amount:
            if m.group(2).startswith("maand"):
                return today, add_months(today, amount)
            days = amount * (1 if m.group(2) == "dagen" else 7)
            return today, today + dt.timedelta(days=days)
    if "deze week" in folded:  # up to and including Sunday
        return today, today + dt.timedelta(days=6 - today.weekday())
    if "volgende week" in folded:
        start = today + dt.timedelta(days=7 - today.weekday())
        return start, start + dt.timedelta(days=6)
    if "deze maand" in folded:
        return today, add_months(today.replace(day=1), 1) - dt.timedelta(days=1)
    if "volgende maand" in folded:
        start = add_months(today.replace(day=1), 1)
        return start, add_months(start, 1) - dt.timedelta(days=1)
    return None
