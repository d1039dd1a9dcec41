"""Recognises messages about suicide, self-harm or acute danger, whatever the NLU model thinks.

A crisis message must get 113/112 at once, so this is a deterministic check on
folded text, not a learned intent alone. It errs on the side of answering.
"""

from __future__ import annotations

import re

from uitstroom.text import fold

_PATTERNS = [
    r"\b(wil|wilde|ga) (dood|sterven)\b",
    r"\bdood (wil|willen|gaan)\b",
    r"\bzelfmoord",
    r"\bsuicid",
    r"\bzelfdoding",
    r"\bmezelf (iets|wat|pijn) (aan ?doen|aandoen|aan)\b",
    r"\bmezelf (iets|wat) aan\b",
    r"\bmijzelf (iets|wat|pijn) (aan ?doen|aandoen|aan)\b",
    r"\b(een )?(eind|einde) (aan|maken aan) (mijn leven|alles|het leven)\b",
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
    # Wanting not to live or to be gone (with the spellings people type in distress).
    r"\bniet meer (willen |wil )?(leven|leve|bestaan|wakker (te )?worden)\b",
    r"\bnie meer (willen |wil )?(leven|leve)\b",
    r"\bleven (echt |helemaal |zo )?zat\b",
    r"\bklaar met (het |mijn )?leven\b(?! (in|op|bij|hier|daar|van)\b)",
    r"\bleven (heeft|is) (geen|zinloos|niks)( zin)?\b",
    r"\bgeen zin meer in\b.*\bleven\b",
    # No will for anything at all ("ik heb nergens meer zin in"): in this group, 113 is the careful answer.
    r"\bgeen zin meer in (alles|niks|niets|het allemaal|mijn leven)\b",
    r"\bnergens (meer )?zin (meer )?in\b",
    r"\bvan het leven beroven\b",
    r"\bbeter dood\b",
    r"\bweg uit (dit|het) leven\b",
    r"\b(voor altijd|voorgoed) (verdwijnen|slapen)\b",
    r"\b(verdwijnen|slapen) (\w+ )?(voor altijd|voorgoed)\b",
    r"\bpijn voor altijd (stopt|weg)\b",
    r"\b(slapen|water in|in het water)\b.*\b(voorbij|klaar) is\b",
    r"\bik (straks |morgen |binnenkort |dan )?(er )?(\w+ )?niet meer (ben|zal zijn)\b",
    r"\bof ik leef of (niet|dood ben)\b",
    r"\b(er )?een (punt|streep) achter (zetten|zet)\b",
    r"\b(mijn )?leven (is )?(klaar|voorbij),? ik stop\b",
    r"\ber (\w+ ){0,2}een (eind|einde) aan( maken| te maken)?\b",
    r"\bben ik er niet meer\b",
    r"\bkan niet meer\b.*\bwil (ook )?niet meer\b",
    r"\bweg van alles\b",
    r"\bof ik de nacht (doorkom|overleef)\b|\bde nacht niet (doorkom|doorkomen|overleef|overleven)\b",
    r"\bwaarom zou ik nog (doorgaan|leven|verder)\b",
    # Methods.
    r"\b(van|op) (de|een|het) (brug|flat|dak|reling|balkon)\b.*\b(springen|spring|klim|klimmen)\b",
    r"\b(springen|spring) van (de|een|het) (brug|flat|dak|balkon)\b",
    r"\b(klim|klimmen)\b.{0,20}\b(over|op) (de|het) (reling|dak|balkon|brug)\b",
    r"\b(pillen|medicijnen|slaappillen)\b.*\b(met drank|klaarliggen|klaar liggen|klaargelegd|gespaard)\b",
    r"\b(strip|doos|potje) (pillen|medicijnen|slaappillen)\b.*\b(ingenomen|genomen|geslikt|klaar)",
    r"\bmezelf (te )?(vergiftigen|verdrinken)\b",
    r"\bhet water in\b.*\b(klaar|voorbij|einde)\b",
    # Self-harm.
    r"\bzelfbeschadig",
    r"\b(snij|snijd|snijden|kras|krassen|kerf|kerven|brand|branden) (ik )?"
    r"(mezelf|mijzelf|in mijn (arm|armen|benen|pols|polsen))\b",
    r"\bmezelf (weer )?(gesneden|gekrast|gebrand|verwond|beschadigd)\b",
    r"\bmezelf (te )?(verwonden|beschadigen|pijn (te )?doen)\b",
    r"\bmezelf (vannacht |weer )*pijn gedaan\b",
    r"\b(weer|heb) gekrast\b",
    r"\bmes (gepakt|vast)\b",
    r"\biets doms met mezelf\b",
    r"\bstemmen zeggen\b.*\b(mezelf|dood|springen)\b",
    # Acute danger from others: 112.
    r"\b(slaat|schopt|wurgt) me\b",
    r"\bin elkaar (geslagen|te slaan|slaan|getrapt)\b",
    r"\bik bloed\b(?! niet)",
    r"\bbloeden stopt niet\b",
    r"\bademt (heel )?(raar|niet meer|nauwelijks)\b",
    r"\b(ligt|is) bewusteloos\b",
    r"\biemand iets (aan ?doe|aandoe|aan te doen)\b",
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
