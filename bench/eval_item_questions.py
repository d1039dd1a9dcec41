"""`make eval`, part 4: short questions about the checklist item on screen ("wie regelt dat?").

bench/items/ holds short questions about an unnamed item, each with the aspect it asks about, and
questions that name a topic of their own, written without seeing this code or the training data:
questions.yml (development: the routing was tuned on it after a first measurement) and
test_questions.yml (held out: written later, never used for tuning). Each goes through the trained
NLU model, then the routing the actions use (actions/item_questions.py): vraag_procedure,
nlu_fallback and the own-dossier questions reach answer_about_item, niet_begrepen action_uitleg.
Scores how many get the item's line for the right aspect, and how often the region's checklist
items have a line for each aspect (the rest get "staat niet in de afspraken").
Writes bench/results/eval-item-questions-<date>.json.

    python -m bench.eval_item_questions
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
from collections import Counter
from pathlib import Path

import yaml

from actions.checklist import checklist_entry_ids
from actions.item_questions import about_the_item, aspect_of
from uitstroom.knowledge.model import KORT_ASPECTS, default_knowledge_base
from uitstroom.stack import latest_model

ROOT = Path(__file__).resolve().parent
SETS = {"development": ROOT / "items" / "questions.yml", "held out": ROOT / "items" / "test_questions.yml"}
RESULTS = ROOT / "results"
# Intents whose action asks answer_about_item first (knowledge, fallback, own dossier).
TO_THE_ITEM = {"vraag_procedure", "nlu_fallback", "vraag_volgende_stap", "vraag_regelen", "vraag_dossier"}


def routed(intent: str, text: str) -> str | None:
    """The aspect the assistant answers from the item on screen, or None (answered otherwise)."""
    if intent == "niet_begrepen":
        return "uitleg"
    if intent in TO_THE_ITEM and about_the_item(text):
        return aspect_of(text) or "ander"  # no line of the item is about it: said honestly
    return None


async def intents(texts: list[str]) -> list[str]:
    from rasa.core.agent import Agent  # heavy: only when the evaluation runs

    logging.disable(logging.WARNING)
    agent = Agent.load(str(latest_model()))
    return [(await agent.parse_message(text))["intent"]["name"] for text in texts]


def line_coverage() -> dict[str, float]:
    """Per aspect: the share of all regions' checklist items that have a line for it."""
    kb = default_knowledge_base()
    lines = [kb.by_id(e) for e in sorted(checklist_entry_ids())]
    return {a: round(sum(bool(e.kort_line(a)) for e in lines) / len(lines), 3) for a in KORT_ASPECTS}


async def evaluate(questions: Path) -> dict:
    data = yaml.safe_load(questions.read_text("utf-8"))
    about, own = data["about_the_item"], data["own_topic"]
    about_intents = await intents([q["text"] for q in about])
    own_intents = await intents(own)
    outcomes: Counter[str] = Counter()
    misses = []
    for question, intent in zip(about, about_intents, strict=True):
        got, want = routed(intent, question["text"]), question["aspect"]
        # "ander": no line answers it; right is an honest "dat weet ik niet over ..." (or the search)
        if got == want:
            outcome = "right"
        elif got == "ander":
            outcome = "said it does not know about the item"
        elif got:
            outcome = "wrong aspect"
        else:
            outcome = "not from the item (intent elsewhere, or names no item)"
        outcomes[(question["aspect"] == "ander" and "ander: " or "") + outcome] += 1
        if got != want:
            misses.append(
                {"text": question["text"], "aspect": question["aspect"], "intent": intent, "routed": got}
            )
    taken = [{"text": t, "intent": i} for t, i in zip(own, own_intents, strict=True) if routed(i, t)]
    asked = [q for q in about if q["aspect"] != "ander"]
    right = outcomes["right"]
    return {
        "questions": len(about),
        "asking_an_aspect": len(asked),
        "right_aspect_from_the_item": right,
        "right_share": round(right / len(asked), 3),
        "outcomes": dict(outcomes),
        "own_topic": len(own),
        "own_topic_taken_as_the_item": len(taken),
        "own_topic_taken": taken,
        "intents": dict(Counter(about_intents)),
        "misses": misses,
    }


def main() -> None:
    results = {name: asyncio.run(evaluate(path)) for name, path in SETS.items()}
    coverage = line_coverage()
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"eval-item-questions-{dt.date.today().isoformat()}.json"
    report = {"date": dt.date.today().isoformat(), "line_coverage_per_aspect": coverage, **results}
    out.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print("Short questions about the checklist item on screen (bench/items)\n")
    print("| measure | " + " | ".join(results) + " |\n|---|" + "---|" * len(results))
    rows = [
        (
            "asking what / who / how / when: the item's line, right aspect",
            lambda r: f"{r['right_aspect_from_the_item']}/{r['asking_an_aspect']} ({r['right_share']:.0%})",
        )
    ]
    outcomes = sorted({o for r in results.values() for o in r["outcomes"] if o != "right"})
    rows += [(outcome, lambda r, o=outcome: str(r["outcomes"].get(o, 0))) for outcome in outcomes]
    rows.append(
        (
            "naming a topic of their own, taken as the item (should be 0)",
            lambda r: f"{r['own_topic_taken_as_the_item']}/{r['own_topic']}",
        )
    )
    for label, cell in rows:
        print(f"| {label} | " + " | ".join(cell(r) for r in results.values()) + " |")
    print(
        "\nChecklist items with a line, per aspect: " + ", ".join(f"{a} {v:.0%}" for a, v in coverage.items())
    )
    print(f"\n{out.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
