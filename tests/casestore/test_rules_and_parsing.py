"""Regional rules, date arithmetic and the reading of begeleider updates."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from uitstroom import KNOWLEDGE_DIR
from uitstroom.casestore import parsing
from uitstroom.casestore.rules import Todo, add_months
from uitstroom.knowledge.model import default_knowledge_base

TODAY = dt.date(2026, 11, 23)


def test_every_rule_links_to_an_existing_knowledge_entry():
    ids = {e.id for e in default_knowledge_base().entries}
    rules = yaml.safe_load((KNOWLEDGE_DIR / "rules.yml").read_text("utf-8"))
    for region, spec in rules["regions"].items():
        for key in ("documents", "criteria", "deadlines"):
            for item in spec[key]:
                assert item["entry"] in ids, (region, item)


def test_each_criterion_and_document_is_explained_by_its_own_entry():
    # The checklist forms explain every item with the opening of its entry: two items sharing an
    # entry would get the same explanation (it happened: Noordoostpolder's criteria 1 and 3).
    rules = yaml.safe_load((KNOWLEDGE_DIR / "rules.yml").read_text("utf-8"))
    for region, spec in rules["regions"].items():
        for key in ("documents", "criteria"):
            entries = [item["entry"] for item in spec[key]]
            assert len(entries) == len(set(entries)), (region, key, entries)


def test_a_begeleider_never_reads_a_label_that_speaks_to_the_client():
    # Criteria and deadlines are worded to the client ("Je woont in ..."); a begeleider's readiness
    # check and caseload read them about the client instead.
    rules = yaml.safe_load((KNOWLEDGE_DIR / "rules.yml").read_text("utf-8"))
    for region, spec in rules["regions"].items():
        for item in spec["criteria"] + spec["deadlines"]:
            label = item.get("label_begeleider", item["label"])
            assert not re.search(r"\b(je|jij|jouw|jou)\b", label, re.IGNORECASE), (region, label)


def test_a_criterion_as_next_step_is_something_to_check():
    criterion = Todo("criterion", "verblijf", "Je woont in een voorziening", "onbekend",
                     label_begeleider="Cliënt woont in een voorziening")  # fmt: skip
    assert criterion.step_for("client") == "kijk met je begeleider of dit klopt: je woont in een voorziening"
    assert criterion.step_for("begeleider") == "voorwaarde nagaan: Cliënt woont in een voorziening"
    document = Todo("document", "woningnet", "WoningNet-inschrijving", "nog_niet")
    assert document.step_for("client") == "WoningNet-inschrijving"


def test_add_months_handles_month_ends():
    assert add_months(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2026, 11, 23), -6) == dt.date(2026, 5, 23)
    assert add_months(dt.date(2026, 11, 23), 14) == dt.date(2028, 1, 23)


@pytest.mark.parametrize(
    ("text", "doc", "meeting", "status", "day"),
    [
        ("de inkomensverklaring van Pieter is binnen", "inkomensverklaring", None, "binnen", None),
        ("uitstroomtafel 1 voor Fatima op 12 maart", None, "uitstroomtafel_1", None, dt.date(2027, 3, 12)),
        ("ust 2 voor Lisa op 3-2-2027", None, "uitstroomtafel_2", None, dt.date(2027, 2, 3)),
        ("woningnet van Lisa is verlengd", "woningnet", None, "binnen", None),
        ("Joost heeft de inkomensverklaring aangevraagd", "inkomensverklaring", None, "aangevraagd", None),
        ("de 3-partijenovereenkomst van Emma is getekend", "driepartijenovereenkomst", None, "binnen", None),
        ("evaluatie Kevin op 15 januari 2027", None, "evaluatie", None, dt.date(2027, 1, 15)),
        ("Joost heeft zijn inkomensverklaring ingeleverd", "inkomensverklaring", None, "binnen", None),
        ("Sara heeft haar woningnet-inschrijving afgegeven", "woningnet", None, "binnen", None),
    ],
)
def test_updates_are_read(text, doc, meeting, status, day):
    assert parsing.document_type(text) == doc
    assert parsing.meeting_kind(text) == meeting
    if status:
        assert parsing.status(text) == status
    assert parsing.date_in(text, TODAY) == day


def test_a_date_already_past_this_year_means_next_year():
    assert parsing.date_in("op 1 maart", TODAY) == dt.date(2027, 3, 1)
    assert parsing.date_in("op 31 februari", TODAY) is None


@pytest.mark.parametrize(
    ("text", "end"),
    [
        ("wie heeft binnen twee maanden een uitstroomtafel", dt.date(2027, 1, 23)),
        ("binnen 3 weken", dt.date(2026, 12, 14)),
        ("deze maand", dt.date(2026, 11, 30)),
        ("wie heeft deze week een deadline", dt.date(2026, 11, 29)),  # TODAY is a Monday
        ("volgende week", dt.date(2026, 12, 6)),
    ],
)
def test_time_windows(text, end):
    assert parsing.window_in(text, TODAY)[1] == end
