"""`make eval`, part 1: knowledge retrieval accuracy, wrong-region rate and readability.

Questions: bench/eval/questions/*.yml, written apart from the entries' own
example questions. Each has the asker's region (a region id, or "onbekend" for
a gemeente without a handbook), the audience and the ids of correct entries.
Writes bench/results/eval-knowledge-<date>.json and prints a Markdown table.

    python -m bench.eval_knowledge [--questions bench/dev/questions]

bench/dev/questions is a second set, written later and separately, for tuning
retrieval: changes are tried on it, the eval set only confirms them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
from pathlib import Path

import textstat
import yaml

from uitstroom.knowledge.answer import UNCOVERED
from uitstroom.knowledge.model import GENERAL_REGION, default_knowledge_base
from uitstroom.knowledge.retrieval import Retriever, default_retriever

ROOT = Path(__file__).resolve().parent
QUESTIONS = ROOT / "eval" / "questions"
RESULTS = ROOT / "results"
TARGETS = {"top1": 0.90, "top3": 0.97, "wrong_region": 0.0, "readability_median": 60.0}


def load_questions(directory: Path = QUESTIONS) -> list[dict]:
    questions = []
    for path in sorted(directory.glob("*.yml")):
        for q in yaml.safe_load(path.read_text("utf-8")) or []:
            q["file"] = path.name
            questions.append(q)
    return questions


def search_region(region: str | None) -> str | None:
    return GENERAL_REGION if region == UNCOVERED else region


def flesch_douma(text: str) -> float:
    textstat.set_lang("nl")
    return float(textstat.flesch_reading_ease(text))


def evaluate(directory: Path = QUESTIONS, retriever: Retriever | None = None) -> dict:
    kb = default_knowledge_base()
    retriever = retriever or default_retriever()
    questions = load_questions(directory)
    threshold = retriever.answer_threshold
    in_scope = [q for q in questions if q.get("expected")]
    out_scope = [q for q in questions if not q.get("expected")]
    top1 = top3 = wrong_region = answered_correct = answered_wrong = 0
    misses = []
    for q in in_scope:
        region = q.get("region")
        hits = retriever.search(q["question"], search_region(region), k=3)
        ids = [h.entry.id for h in hits]
        expected = set(q["expected"])
        if ids and ids[0] in expected:
            top1 += 1
        else:
            misses.append(
                {"question": q["question"], "region": region, "expected": sorted(expected), "got": ids}
            )
        if expected & set(ids):
            top3 += 1
        if hits and not hits[0].entry.is_general and region not in hits[0].entry.regions:
            wrong_region += 1
        if hits and hits[0].confidence >= threshold:
            if ids[0] in expected:
                answered_correct += 1
            else:
                answered_wrong += 1
    false_answers = 0
    for q in out_scope:
        hits = retriever.search(q["question"], search_region(q.get("region")), k=1)
        if hits and hits[0].confidence >= threshold:
            false_answers += 1
    scores = [flesch_douma(e.client) for e in kb.entries]
    plain = [flesch_douma(e.kort_line("uitleg")) for e in kb.entries if e.kort_line("uitleg")]
    n = len(in_scope)
    return {
        "date": dt.date.today().isoformat(),
        "entries": len(kb.entries),
        "questions": n,
        "out_of_scope_questions": len(out_scope),
        "top1": round(top1 / n, 4),
        "top3": round(top3 / n, 4),
        "wrong_region": round(wrong_region / n, 4),
        "answered_at_threshold": round((answered_correct + answered_wrong) / n, 4),
        "precision_at_threshold": round(answered_correct / max(answered_correct + answered_wrong, 1), 4),
        "false_answers_out_of_scope": round(false_answers / max(len(out_scope), 1), 4),
        "readability_median": round(statistics.median(scores), 1),
        "readability_min": round(min(scores), 1),
        "readability_below_60": sum(s < 60 for s in scores),
        "readability_uitleg_median": round(statistics.median(plain), 1) if plain else None,
        "readability_uitleg_min": round(min(plain), 1) if plain else None,
        "targets": TARGETS,
        "misses": misses,
    }


def markdown(report: dict) -> str:
    rows = [
        ("Top-1 accuracy", report["top1"], f"≥ {TARGETS['top1']}"),
        ("Top-3 accuracy", report["top3"], f"≥ {TARGETS['top3']}"),
        ("Wrong-region rate", report["wrong_region"], "0"),
        ("Answered at threshold", report["answered_at_threshold"], ""),
        ("Precision when answering", report["precision_at_threshold"], ""),
        ("Out-of-scope answered (false)", report["false_answers_out_of_scope"], ""),
        ("Flesch–Douma median (client)", report["readability_median"], "≥ 60"),
        ("Flesch–Douma minimum (client)", report["readability_min"], ""),
        (
            "Flesch–Douma median / minimum (plain uitleg, 'snap ik niet')",
            f"{report['readability_uitleg_median']} / {report['readability_uitleg_min']}",
            "",
        ),
    ]
    lines = [
        f"Knowledge evaluation {report['date']}: {report['entries']} entries, "
        f"{report['questions']} questions (+{report['out_of_scope_questions']} out of scope)",
        "",
        "| measure | value | target |",
        "|---|---|---|",
    ]
    lines += [f"| {name} | {value} | {target} |" for name, value, target in rows]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=Path, default=QUESTIONS, help="question set (a directory)")
    args = parser.parse_args()
    report = evaluate(args.questions.resolve())
    report["question_set"] = str(args.questions)
    RESULTS.mkdir(exist_ok=True)
    variant = "" if args.questions.resolve() == QUESTIONS else "-" + args.questions.resolve().parent.name
    out = RESULTS / f"eval-knowledge{variant}-{report['date']}.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(markdown(report))
    print(f"\n{len(report['misses'])} top-1 misses; details in {out.relative_to(ROOT.parent)}")


if __name__ == "__main__":
    main()
