"""The knowledge base itself: schema, both variants, sources, coverage, privacy, own words."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from actions.checklist import checklist_entry_ids
from uitstroom.knowledge.model import AUDIENCES, KORT_ASPECTS, default_knowledge_base, load
from uitstroom.text import words

ROOT = Path(__file__).resolve().parents[2]
HANDBOOKS = ROOT.parent / "shared" / "handbooks"
KB = default_knowledge_base()
REQUIRED = ("id", "regions", "topic", "title", "client", "begeleider", "questions", "synonyms", "sources")


def raw_entries():
    for path in sorted((ROOT / "knowledge" / "entries").rglob("*.yml")):
        for raw in yaml.safe_load(path.read_text("utf-8")) or []:
            yield path.name, raw


def test_knowledge_base_is_substantial():
    assert 150 <= len(KB.entries) <= 300


@pytest.mark.parametrize("field", REQUIRED)
def test_every_entry_has_every_field(field):
    missing = [raw.get("id", file) for file, raw in raw_entries() if not raw.get(field)]
    assert missing == []


def test_ids_are_unique():
    duplicates = [i for i, n in Counter(e.id for e in KB.entries).items() if n > 1]
    assert duplicates == []


def test_regions_are_known_and_ids_carry_their_prefix():
    prefixes = {"amsterdam": "ams-", "algemeen": "alg-", "westfriesland": "wf-",
                "noordoostpolder": "nop-", "zuidoost-utrecht": "zou-"}  # fmt: skip
    for entry in KB.entries:
        assert set(entry.regions) <= set(KB.regions), entry.id
        assert any(entry.id.startswith(prefixes[r]) for r in entry.regions), entry.id


def test_both_variants_are_written_and_differ():
    for entry in KB.entries:
        for audience in AUDIENCES:
            assert len(entry.answer(audience)) >= 40, (entry.id, audience)
        assert entry.client != entry.begeleider, entry.id


def test_client_answers_are_short_and_use_je():
    for entry in KB.entries:
        sentences = [s for s in re.split(r"[.!?]+\s", entry.client) if s.strip()]
        assert len(sentences) <= 6, entry.id
        assert not re.search(r"\bu\b|\buw\b", entry.client), f"{entry.id}: client text uses 'u'"


def test_a_begeleider_reads_no_title_that_speaks_to_the_client():
    # Begeleiders see titles above their answers and on buttons: "Wat doet je ambulant begeleider?"
    # read as if about their own begeleider.
    speaks_to_client = re.compile(r"\b(je|jij|jouw|jou)\b", re.IGNORECASE)
    wrong = [e.id for e in KB.entries if speaks_to_client.search(e.title_for("begeleider"))]
    assert wrong == []
    assert all(len(e.title_for("begeleider")) <= 50 for e in KB.entries)  # fits on a button


def test_at_least_three_example_questions():
    assert [e.id for e in KB.entries if len(e.questions) < 3] == []


def test_every_source_points_to_a_listed_section():
    for entry in KB.entries:
        for ref in entry.sources:
            assert ref.section in KB.sections.get(ref.handbook, {}), (entry.id, ref)


@pytest.mark.parametrize("handbook", ["000", "001", "002", "003", "004"])
def test_every_handbook_section_is_covered(handbook):
    cited = {ref.section for e in KB.entries for ref in e.sources if ref.handbook == handbook}
    uncovered = sorted(set(KB.sections[handbook]) - cited)
    assert uncovered == [], f"sections of handbook {handbook} without an entry: {uncovered}"


def test_citation_names_handbook_and_section():
    entry = next(e for e in KB.entries if e.id.startswith("zou-"))
    citation = KB.citations(entry.sources[:1])
    assert citation.startswith("Werkafspraken Uitstroom Zuidoost-Utrecht, ")


def test_a_handbook_cited_for_several_sections_is_named_once():
    entry = KB.by_id("ams-stappen-doorstroom")
    assert len(entry.sources) > 2
    citation = KB.citations(entry.sources)
    assert citation.count("Infoblad doorstroom, Huisvesting Kwetsbare Groepen Amsterdam") == 1
    assert citation.endswith("Aanvraag urgentie onder voorwaarden")
    both = KB.citations([*entry.sources[:1], *KB.by_id("alg-klantreis-fasen").sources[:1]])
    assert " en Klantreis Uitstroom MO & BW" in both


# --- privacy: no employees' names, personal addresses or direct numbers ---------------
PERSONAL_EMAIL = re.compile(r"\b[a-z]{1,2}\.[a-z]+@|\b[a-z]+\.[a-z]+@(?!noordoostpolder)")
MOBILE = re.compile(r"\b06[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}[\s-]?\d{2}\b")


# People the handbooks name (presenters, contact persons), kept here so the test also runs where the
# handbooks are not beside the repository; employee_names() adds any the handbooks name besides.
KNOWN_NAMES = {
    "Sanderijn Brouwer", "Monique van Lunsen", "Jorie Bockma", "Annelies Bart", "Janna Arjaans",
    "Bianca Smit", "Mieke van Viegen", "Lo Woudstra",
}  # fmt: skip


def contact_persons_in_handbooks() -> set[str]:
    """'Telefoonnummer <Naam>:' lines in the handbooks."""
    names: set[str] = set()
    for path in HANDBOOKS.glob("*.txt"):
        text = path.read_text("utf-8", errors="replace")
        names |= {
            m.group(1) for m in re.finditer(r"Telefoonnummer ([A-Z][a-z]+(?: [a-z]+)* [A-Z][a-z]+):", text)
        }
    return names


def employee_names() -> set[str]:
    return KNOWN_NAMES | contact_persons_in_handbooks()


def test_no_employee_contact_details():
    for entry in KB.entries:
        blob = " ".join(
            [entry.client, entry.begeleider] + [f"{c.name} {c.email} {c.phone}" for c in entry.contacts]
        )
        assert not MOBILE.search(blob), entry.id
        assert not PERSONAL_EMAIL.search(blob.lower()), entry.id


@pytest.mark.skipif(not HANDBOOKS.exists(), reason="handbooks not beside the repository")
def test_the_handbooks_contact_persons_are_recognised():
    assert {"Bianca Smit", "Mieke van Viegen", "Lo Woudstra"} <= contact_persons_in_handbooks()


def test_no_employee_names():
    names = employee_names()
    for entry in KB.entries:
        blob = " ".join([entry.client, entry.begeleider, *entry.questions, *(c.name for c in entry.contacts)])
        found = [n for n in names if n in blob or n.split()[-1] in blob.split()]
        assert found == [], (entry.id, found)


# --- own words: no run of ten words copied from a handbook ------------------------------------
def handbook_ngrams(n: int = 10) -> set[tuple[str, ...]]:
    grams = set()
    for path in HANDBOOKS.glob("*.txt"):
        tokens = words(path.read_text("utf-8", errors="replace"))
        grams |= {tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}
    return grams


QUOTED = re.compile(r"[‘'\"„“«]([^‘’'\"„“”«»]{3,200})[’'\"”»]")


def own_words(text: str) -> list[str]:
    """The words of a text without quoted spans: the exact name of a form or rule is cited, not copied."""
    return words(QUOTED.sub(" ", text))


@pytest.mark.skipif(not HANDBOOKS.exists(), reason="handbooks not beside the repository")
def test_no_sentence_copied_from_a_handbook():
    grams = handbook_ngrams()
    copied = []
    for entry in KB.entries:
        for text in (entry.client, entry.begeleider, *(line for _, line in entry.kort)):
            tokens = own_words(text)
            if any(tuple(tokens[i : i + 10]) in grams for i in range(len(tokens) - 9)):
                copied.append(entry.id)
    assert copied == []


def test_loader_reads_a_fresh_copy(tmp_path):
    kb = load()
    assert {e.id for e in kb.entries} == {e.id for e in KB.entries}


def test_every_entry_has_a_plain_explanation():
    """ "Snap ik niet" after an answer, or about a checklist item, gets the entry's uitleg."""
    assert [e.id for e in KB.entries if not e.kort_line("uitleg")] == []


def test_a_plain_explanation_is_shorter_than_the_answer():
    """ "Ik zeg het eenvoudiger": an uitleg that is as long as the answer would not be."""
    longer = [
        e.id
        for e in KB.entries
        if e.kort_line("uitleg") and len(words(e.kort_line("uitleg"))) >= len(words(e.client))
    ]
    assert longer == []


def test_item_lines_are_short_plain_and_for_the_client():
    items = [e for e in KB.entries if e.kort]
    assert {e.id for e in items} >= checklist_entry_ids()
    for entry in items:
        assert {aspect for aspect, _ in entry.kort} <= set(KORT_ASPECTS), entry.id
        for aspect, line in entry.kort:
            assert 4 <= len(words(line)) <= 45, (entry.id, aspect)
            assert not re.search(r"\bu\b|\buw\b|\bbsn\b|burgerservicenummer", line, re.I), (entry.id, aspect)


def test_a_plain_explanation_adds_no_numbers_or_addresses():
    """The uitleg restates its answer: a number, amount or web address in it comes from the entry's
    own texts, never from the writer's memory."""
    facts = re.compile(r"\d+|[\w.-]+\.(?:nl|com|org)\b")
    added = [
        (e.id, fact)
        for e in KB.entries
        for fact in facts.findall(e.kort_line("uitleg") or "")
        if fact.lower() not in f"{e.client} {e.begeleider}".lower()
    ]
    assert added == []
