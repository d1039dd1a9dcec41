"""`make eval`, part 3: short follow-up questions ("wie zitten daarbij?" right after an answer).

Pairs in bench/eval/follow_ups.yml: a first question (answered by `first_entry`), then a short
question pointing back at it, with the entries that answer it right (null: the knowledge base does
not cover it, so the right move is not to answer). Scores the knowledge action's behaviour with
the follow-up on its own words only (before) and read in context (actions/knowledge.py), and writes
bench/results/eval-follow-ups-<date>.json.

    python -m bench.eval_follow_ups
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
from pathlib import Path

import yaml

from actions.item_questions import line_about_entry
from actions.knowledge import follow_up_search, is_follow_up, search, without_general_twin
from uitstroom.knowledge.answer import Asker
from uitstroom.knowledge.retrieval import default_retriever

ROOT = Path(__file__).resolve().parent
PAIRS = ROOT / "eval" / "follow_ups.yml"
RESULTS = ROOT / "results"


async def answered(pair: dict, in_context: bool, threshold: float) -> str | None:
    """The entry the assistant answers the follow-up with, or None when it does not answer: as
    action_answer_knowledge does, with the earlier question as context or without it."""
    asker = Asker(audience=pair.get("audience", "client"), region=pair["region"])
    text = pair["follow_up"]
    context = (pair["first"], pair["first_entry"]) if in_context and is_follow_up(text) else None
    hits = without_general_twin(await search(text, asker), context)
    if hits and hits[0].confidence >= threshold:
        return hits[0].entry.id
    found = await follow_up_search(text, context, asker, threshold)
    if found:
        return found[1][0][0].entry.id
    if in_context and line_about_entry(pair["first_entry"], text):  # that topic's own who/how/when line
        return pair["first_entry"]
    return None


def score(pairs: list[dict], answers: list[str | None]) -> dict:
    covered = [(p, a) for p, a in zip(pairs, answers, strict=True) if p.get("expected")]
    uncovered = [a for p, a in zip(pairs, answers, strict=True) if not p.get("expected")]
    right = sum(a in p["expected"] for p, a in covered)
    wrong = sum(a is not None and a not in p["expected"] for p, a in covered)
    return {
        "covered": len(covered),
        "answered_right": right,
        "answered_wrong": wrong,
        "not_answered": len(covered) - right - wrong,
        "uncovered": len(uncovered),
        "uncovered_answered": sum(a is not None for a in uncovered),
    }


async def evaluate() -> dict:
    pairs = yaml.safe_load(PAIRS.read_text("utf-8"))
    threshold = default_retriever().answer_threshold
    before = [await answered(p, False, threshold) for p in pairs]
    after = [await answered(p, True, threshold) for p in pairs]
    changed = [
        {"region": p["region"], "first": p["first"], "follow_up": p["follow_up"], "before": b, "after": a,
         "expected": p.get("expected")}
        for p, b, a in zip(pairs, before, after, strict=True) if a != b
    ]  # fmt: skip
    alone, in_context = score(pairs, before), score(pairs, after)
    return {"pairs": len(pairs), "alone": alone, "in_context": in_context, "changed": changed}


def main() -> None:
    result = asyncio.run(evaluate())
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"eval-follow-ups-{dt.date.today().isoformat()}.json"
    out.write_text(json.dumps({"date": dt.date.today().isoformat(), **result}, indent=1, ensure_ascii=False))
    print(f"Follow-up questions ({result['pairs']} pairs, {PAIRS.relative_to(ROOT.parent)})\n")
    print("| measure | on its own words | read with the earlier question |\n|---|---|---|")
    alone, context = result["alone"], result["in_context"]
    for key, label in (
        ("answered_right", "covered: answered right"),
        ("answered_wrong", "covered: answered wrong"),
        ("not_answered", "covered: not answered (topics offered instead)"),
        ("uncovered_answered", "not covered: answered anyway (should be 0)"),
    ):
        total = alone["uncovered"] if key == "uncovered_answered" else alone["covered"]
        print(f"| {label} | {alone[key]}/{total} | {context[key]}/{total} |")
    print(f"\n{out.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
