"""Typed view of the knowledge base files (see knowledge/README.md for the schema)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from uitstroom import KNOWLEDGE_DIR

GENERAL_REGION = "algemeen"
AUDIENCES = ("client", "begeleider")
# Short answers an entry may have (`kort`): what it is in the simplest words, who arranges or decides it,
# how, when. Checklist items have them for "wie regelt dat?"; any entry's uitleg answers "snap ik niet".
KORT_ASPECTS = ("uitleg", "wie", "hoe", "wanneer")


@dataclass(frozen=True)
class Region:
    id: str
    label: str
    handbook: str
    citation: str


@dataclass(frozen=True)
class SourceRef:
    handbook: str
    section: str


@dataclass(frozen=True)
class Contact:
    name: str
    email: str | None = None
    phone: str | None = None
    website: str | None = None  # where a handbook names a site rather than an address or number

    def line(self) -> str:
        return ", ".join(x for x in (self.name, self.email, self.phone, self.website) if x)


@dataclass(frozen=True)
class Entry:
    id: str
    regions: tuple[str, ...]
    topic: str
    title: str
    client: str
    begeleider: str
    questions: tuple[str, ...]
    synonyms: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    contacts: tuple[Contact, ...] = ()
    # (aspect, one plain line for the client); an aspect the handbook is silent on is absent.
    kort: tuple[tuple[str, str], ...] = ()
    file: str = ""
    title_begeleider: str | None = None  # where `title` speaks to the client ("Wat doet je begeleider?")

    @property
    def is_general(self) -> bool:
        return GENERAL_REGION in self.regions

    def answer(self, audience: str) -> str:
        return self.begeleider if audience == "begeleider" else self.client

    def title_for(self, audience: str) -> str:
        return (self.title_begeleider or self.title) if audience == "begeleider" else self.title

    def kort_line(self, aspect: str) -> str | None:
        return dict(self.kort).get(aspect)


@dataclass
class KnowledgeBase:
    regions: dict[str, Region]
    sections: dict[str, dict[str, str]]  # handbook -> section id -> heading
    entries: list[Entry] = field(default_factory=list)

    def by_id(self, entry_id: str) -> Entry:
        return self._index()[entry_id]

    def _index(self) -> dict[str, Entry]:
        if not hasattr(self, "_by_id"):
            self._by_id = {e.id: e for e in self.entries}
        return self._by_id

    def citations(self, refs: list[SourceRef] | tuple[SourceRef, ...]) -> str:
        """Handbook and sections, each handbook named once: "<handbook>, <section>; <section>"."""
        by_handbook: dict[str, list[str]] = {}
        for ref in refs:
            heading = self.sections.get(ref.handbook, {}).get(ref.section, ref.section)
            by_handbook.setdefault(ref.handbook, []).append(heading)
        parts = []
        for handbook, headings in by_handbook.items():
            region = next(r for r in self.regions.values() if r.handbook == handbook)
            parts.append(f"{region.citation}, {'; '.join(headings)}")
        return " en ".join(parts)


def _entry(raw: dict, file: str) -> Entry:
    return Entry(
        id=raw["id"],
        regions=tuple(raw["regions"]),
        topic=raw["topic"],
        title=raw["title"],
        title_begeleider=raw.get("title_begeleider"),
        client=str(raw["client"]).strip(),
        begeleider=str(raw["begeleider"]).strip(),
        questions=tuple(raw.get("questions") or ()),
        synonyms=tuple(str(s) for s in raw.get("synonyms") or ()),
        sources=tuple(SourceRef(str(s["handbook"]), s["section"]) for s in raw["sources"]),
        contacts=tuple(Contact(**c) for c in raw.get("contacts") or ()),
        kort=tuple((aspect, " ".join(str(text).split())) for aspect, text in (raw.get("kort") or {}).items()),
        file=file,
    )


def load(directory: Path = KNOWLEDGE_DIR) -> KnowledgeBase:
    regions_raw = yaml.safe_load((directory / "regions.yml").read_text("utf-8"))["regions"]
    regions = {
        rid: Region(rid, r["label"], str(r["handbook"]), r["citation"]) for rid, r in regions_raw.items()
    }
    sections: dict[str, dict[str, str]] = {}
    for path in sorted((directory / "sources").glob("*.yml")):
        data = yaml.safe_load(path.read_text("utf-8"))
        sections[str(data["handbook"])] = {s["id"]: s["heading"] for s in data["sections"]}
    entries: list[Entry] = []
    for path in sorted((directory / "entries").rglob("*.yml")):
        for raw in yaml.safe_load(path.read_text("utf-8")) or []:
            entries.append(_entry(raw, str(path.relative_to(directory))))
    return KnowledgeBase(regions, sections, entries)


@lru_cache(maxsize=1)
def default_knowledge_base() -> KnowledgeBase:
    return load()
