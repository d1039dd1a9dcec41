"""Computes what a client still has to arrange, from knowledge/rules.yml and their dossier.

Pure functions over a Case (no database access), so they are cheap to test and
identical for SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

import yaml

from uitstroom import KNOWLEDGE_DIR
from uitstroom.casestore.models import Case

DONE_DOCUMENT = "binnen"
# Statuses of documents and criteria as users read them.
STATUS_TEXT = {"nog_niet": "nog niet geregeld", "aangevraagd": "aangevraagd, nog niet binnen",
               "verlopen": "verlopen", "binnen": "binnen", "onbekend": "nog niet besproken",
               "niet_voldaan": "nog niet", "open": "nog te doen"}  # fmt: skip


@dataclass(frozen=True)
class Todo:
    kind: str  # "document", "criterion" or "deadline"
    code: str
    label: str
    status: str
    entry: str | None = None
    due: dt.date | None = None
    label_begeleider: str | None = None  # the label about the client, where `label` speaks to them

    def label_for(self, audience: str) -> str:
        return (self.label_begeleider or self.label) if audience == "begeleider" else self.label

    def step_for(self, audience: str) -> str:
        """The item as a next step: a criterion is a statement ("Je woont in een voorziening ..."), so
        it becomes something to check; documents, meetings and deadlines already read as a step."""
        label = self.label_for(audience)
        if self.kind != "criterion":
            return label
        if audience == "begeleider":
            return f"voorwaarde nagaan: {label}"
        return f"kijk met je begeleider of dit klopt: {label[0].lower()}{label[1:]}"

    @property
    def overdue(self) -> bool:
        return self.due is not None and self.due < dt.date.today() and self.status != "klaar"


@lru_cache(maxsize=1)
@lru_cache(maxsize=1)
def rules() -> dict:
    return yaml.safe_load((KNOWLEDGE_DIR / "rules.yml").read_text("utf-8"))


def region_rules(region: str) -> dict:
    return rules()["regions"].get(region) or rules()["regions"]["algemeen"]


def document_label(doc_type: str) -> str:
    return rules()["documents"].get(doc_type, doc_type.replace("_", " "))


def meeting_label(kind: str) -> str:
    return rules()["meetings"].get(kind, kind.replace("_", " "))


def add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    last = [
        31,
        29 if year % 4 == 0 and (year % 100 or year % 400 == 0) else 28,
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ]
    return dt.date(year, month, min(day.day, last[month - 1]))


def missing_documents(case: Case) -> list[Todo]:
    have = {d.type: d.status for d in case.documents}
    todos = []
    for rule in region_rules(case.region)["documents"]:
        status = have.get(rule["type"], "nog_niet")
        if status != DONE_DOCUMENT:
            todos.append(
                Todo("document", rule["type"], document_label(rule["type"]), status, rule.get("entry"))
            )
    return todos


def criteria_status(case: Case) -> list[Todo]:
    have = {c.code: c.status for c in case.criteria}
    return [
        Todo("criterion", rule["code"], rule["label"], have.get(rule["code"], "onbekend"), rule.get("entry"),
             label_begeleider=rule.get("label_begeleider"))
        for rule in region_rules(case.region)["criteria"]
    ]


def _anchor_date(case: Case, rule: dict) -> dt.date | None:
    anchor = rule["anchor"]
    if rule.get("repeat"):
        held = [m.held_on for m in case.meetings if m.kind == rule.get("meeting") and m.held_on]
        if held:
            return max(held)
    if anchor in ("renewed_on", "registered_on"):
        doc = next((d for d in case.documents if d.type == rule.get("document")), None)
        return (doc.renewed_on or doc.registered_on) if doc else None
    return getattr(case, anchor)


def _is_done(case: Case, rule: dict) -> bool:
    if rule.get("repeat"):
        return False  # a yearly item is never done for good: the next one is due
    if "meeting" in rule:
        return any(m.kind == rule["meeting"] and m.held_on for m in case.meetings)
    if rule.get("anchor") in ("renewed_on", "registered_on"):
        return False  # a renewal is never done for good: the next one is due
    doc = next((d for d in case.documents if d.type == rule.get("document")), None)
    return bool(doc and doc.status == DONE_DOCUMENT)


def deadlines(case: Case) -> list[Todo]:
    todos = []
    for rule in region_rules(case.region)["deadlines"]:
        anchor = _anchor_date(case, rule)
        due = None
        if anchor is not None:
            months = (
                rule.get("months_mo", rule.get("months", 0)) if case.route == "MO" else rule.get("months", 0)
            )
            due = add_months(anchor, months) + dt.timedelta(weeks=rule.get("weeks", 0))
        status = "klaar" if _is_done(case, rule) else "open"
        planned = next(
            (m.planned_on for m in case.meetings if m.kind == rule.get("meeting") and not m.held_on), None
        )
        todos.append(Todo("deadline", rule["id"], rule["label"], status, rule.get("entry"), planned or due,
                          rule.get("label_begeleider")))
    return todos


def open_items(case: Case) -> list[Todo]:
    """Everything still to do, most urgent first: overdue, then by date, then undated."""
    items = [t for t in deadlines(case) if t.status != "klaar"] + missing_documents(case)
    items += [c for c in criteria_status(case) if c.status != "voldaan"]
    far = dt.date.max
    return sorted(items, key=lambda t: (not t.overdue, t.due or far))


def next_step(case: Case) -> Todo | None:
    items = open_items(case)
    return items[0] if items else None
