"""Recognises messages about suicide, self-harm or acute danger, whatever the NLU model thinks.

A crisis message must get 113/112 at once, so this is a deterministic check on
folded text, not a learned intent alone. It errs on the side of answering.
"""

from __future__ import annotations

import re

from uitstroom.text import fold

_PATTERNS = [
    r"\bniet meer (willen )?leven\b",
    r"\bniet meer wil(len)? leven\b",
    r"\b(wil|wilde|ga) (dood|sterven)\b",
    r"\bdood (wil|willen|gaan)\b",
    r"\bzelfmoord",
    r"\bsuicid",
    r"\bzelfdoding",
    r"\bmezelf (iets|wat|pijn) (aan ?doen|aandoen|aan)\b",
    r"\bmezelf (iets|wat) aan\b",
    r"\bmijzelf (iets|wat|pijn) (aan ?doen|aandoen|aan)\b",
    r"\b(een )?(eind|einde) (aan|maken aan) (mijn leven|alles|het leven)\b",
    r"\ber een (eind|einde) aan (maken|te maken)\b",
    r"\bmezelf (snijden|ophangen|van kant maken|doodmaken)\b",
    r"\bvan kant maken\b",
    r"\bzie het (leven )?niet meer zitten\b",
    r"\bnooit meer wakker (te )?(worden|word)\b",
    r"\bafscheidsbrief",
    r"\boverdosis\b",
    r"\btouw (klaar|klaarliggen|klaarleggen|gekocht)",
    r"\bwat (heeft|heb) (het|ik) (nog )?(voor )?zin\b.*\bleven\b",
    r"\bgeen zin meer (in|om te) (het )?leven\b",
    r"\bmijn laatste bericht\b",
    r"\bvan (de|een) (brug|flat|dak) (af )?(springen|spring)\b",
    r"\bvoor (de|een) trein (springen|spring|gaan liggen)\b",
    r"\bpillen (innemen|slikken) om\b",
    r"\buit het leven (stappen|stap|stapt)\b",
    r"\bop het spoor (gaan )?(liggen|ligt|lig)\b",
    r"\bgeen (enkele )?reden (meer )?om (nog )?te leven\b",
    r"\bwil er niet meer zijn\b",
    r"\b(iedereen|jullie|ze) (is|zijn|zou|zouden) (beter af|beter zijn) zonder mij\b",
    r"\bniemand (zou|zal) me (missen|niet missen)\b",
    r"\bpolsen (doorgesneden|doorsnijden|opengesneden|opengehaald)\b",
    r"\b(te ?veel|al mijn|alle) (pillen|medicijnen|medicatie|slaappillen)\b"
    r".*\b(genomen|geslikt|ingenomen|slikken)\b",
    r"\b(manier|hoe) .{0,40}\bdood (te )?gaan\b",
    r"\bom dood te gaan\b",
    # Acute danger from others: 112.
    r"\b(gaat|wil|dreigt) me (te )?(pakken|vermoorden|doodmaken|neersteken|neer te steken)\b",
    r"\bme (gaat|komt|wil) (pakken|vermoorden|doodmaken|neersteken)\b",
    r"\bbedreigt me\b",
    r"\bwordt (hier )?gevochten\b",
    r"\b(iemand|hij|zij|ze) bloedt\b",
    r"\bkill myself\b",
    r"\bsuicide\b",
    r"\bwant to die\b",
]
_CRISIS_RE = re.compile("|".join(_PATTERNS))


def is_crisis(text: str) -> bool:
    return bool(_CRISIS_RE.search(fold(text or "")))
