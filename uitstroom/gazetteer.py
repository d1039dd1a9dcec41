"""Maps a gemeente, woonplaats or nickname to a gemeente and, where we have a handbook, a region.

The data lives in knowledge/gazetteer/. Matching is on folded words so that
"emmeloord", "Emmeloord" and "EMMELOORD" all match; a small typo is tolerated
for longer names only, and names that are also common Dutch words ("Hem",
"Best", "Echt") need a capital or a cue word ("in", "uit", "woon") before them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from rapidfuzz import fuzz, process

from uitstroom import KNOWLEDGE_DIR
from uitstroom.text import fold, words

# Place names that are also everyday Dutch (or English) words.
COMMON_WORD_NAMES = frozenset(
    [
        "hem",
        "best",
        "echt",
        "haren",
        "putten",
        "laren",
        "son",
        "goes",
        "doorn",
        "beek",
        "mill",
        "hoorn",
        "ens",
        "bant",
        "rutten",
        "ede",
        "epe",
        "elst",
        "oss",
        "urk",
        "lopik",
        "sint",
        "bergen",
        "wijk",
        "zwaag",
        "hoorn",
        "meer",
        "ee",
        "ter",
        "den",
        "loon",
        "adam",
        "noord",
        "zuid",
        "west",
        "oost",
        "centrum",
        "buren",
        "sluis",
        "heel",
        "helden",
        "monster",
        "leek",
        "dalen",
        "vries",
        "nop",  # NOP (Noordoostpolder), but "nop" is also "no"
        "geleen",  # and a typo of "geleden"
    ]
)
CUE_WORDS = frozenset(
    [
        "in",
        "uit",
        "naar",
        "bij",
        "woon",
        "woont",
        "wonen",
        "gemeente",
        "regio",
        "te",
        "vanuit",
        "plaats",
        "dorp",
        "stad",
        "werk",
        "werkzaam",
    ]
)
MAX_NGRAM = 4
REGION_PREFIX = "regio:"  # entity value of a region name: "regio:westfriesland"


@dataclass(frozen=True)
class Place:
    """A recognised place: what the user wrote and what it resolves to."""

    text: str
    gemeente: str | None  # None when the user named a region, not a gemeente ("West-Friesland")
    province: str
    region: str | None
    start: int
    end: int


@dataclass(frozen=True)
class _Name:
    gemeente: str | None  # None for a region name
    province: str
    region: str | None


class Gazetteer:
    def __init__(self, directory: Path = KNOWLEDGE_DIR / "gazetteer") -> None:
        gemeenten = yaml.safe_load((directory / "gemeenten.yml").read_text("utf-8"))["gemeenten"]
        self.gemeenten: dict[str, _Name] = {}
        self._names: dict[str, _Name] = {}
        for g in gemeenten:
            entry = _Name(g["name"], g["province"], g.get("region"))
            self.gemeenten[g["name"]] = entry
            for name in [g["name"], *(g.get("aliases") or [])]:
                self._names.setdefault(" ".join(words(name)), entry)
        plaatsen_file = directory / "woonplaatsen.yml"
        if plaatsen_file.exists():
            for p in yaml.safe_load(plaatsen_file.read_text("utf-8"))["woonplaatsen"]:
                entry = self.gemeenten[p["gemeente"]]
                self._names.setdefault(" ".join(words(p["name"])), entry)
        # Region names live apart from _names: `lookup` resolves a gemeente (the CSV import uses it).
        self._region_names: dict[str, _Name] = {}
        regios_file = directory / "regios.yml"
        if regios_file.exists():
            for r in yaml.safe_load(regios_file.read_text("utf-8"))["regios"]:
                for name in r["names"]:
                    self._region_names[" ".join(words(name))] = _Name(None, "", r["region"])
        self._fuzzy_keys = [k for k in self._names if len(k) >= 6]
        self._fuzzy_region_keys = [k for k in self._region_names if len(k) >= 6]

    def lookup(self, name: str) -> _Name | None:
        """Resolve one name exactly (folded), or with a small typo if it is long enough."""
        key = " ".join(words(name))
        if key in self._names:
            return self._names[key]
        return self._fuzzy(key, self._names, self._fuzzy_keys) if len(key) >= 6 else None

    @staticmethod
    def _fuzzy(key: str, names: dict[str, _Name], keys: list[str]) -> _Name | None:
        match = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=88)
        return names[match[0]] if match else None

    def find(self, text: str) -> list[Place]:
        """All places mentioned in free text, longest match first, without overlaps."""
        tokens = [(m.group(0), m.start(), m.end()) for m in _iter_tokens(text)]
        found: list[Place] = []
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
                span = tokens[i : i + n]
                raw = text[span[0][1] : span[-1][2]]
                key = " ".join(words(raw))
                entry = self._region_names.get(key) or self._names.get(key)
                if entry is None and n == 1 and len(key) >= 7:
                    entry = self._fuzzy(key, self._region_names, self._fuzzy_region_keys)
                    entry = entry or self._fuzzy(key, self._names, self._fuzzy_keys)
                if entry is None:
                    continue
                if n == 1 and key in COMMON_WORD_NAMES and not _is_marked(raw, tokens, i):
                    continue
                hit = Place(raw, entry.gemeente, entry.province, entry.region, span[0][1], span[-1][2])
                i += n
                break
            if hit:
                found.append(hit)
            else:
                i += 1
        return found


def _iter_tokens(text: str):
    return re.finditer(r"[\w'’-]+", text)


def _is_marked(raw: str, tokens: list[tuple[str, int, int]], i: int) -> bool:
    """A common-word name counts as a place when capitalised or after a cue word."""
    if raw[:1].isupper():
        return True
    previous = {fold(t[0]) for t in tokens[max(0, i - 2) : i]}
    return bool(previous & CUE_WORDS)


@lru_cache(maxsize=1)
def default_gazetteer() -> Gazetteer:
    return Gazetteer()
