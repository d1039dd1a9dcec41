"""`make feedback`: what content editors should look at: unanswered questions, answers rated down and
answers users did not understand ("snap ik niet", action_uitleg)."""

from __future__ import annotations

from collections import Counter

from uitstroom.casestore.repository import CaseStore


def report(store: CaseStore | None = None) -> str:
    items = (store or CaseStore()).feedback()
    unanswered = Counter((f.region or "?", f.question) for f in items if f.kind == "onbeantwoord")
    down = Counter(f.entry_id for f in items if f.kind == "slecht")
    unclear = Counter(f.entry_id for f in items if f.kind == "onduidelijk")
    comments = [(f.entry_id, f.comment) for f in items if f.kind == "slecht" and f.comment]
    lines = [
        "# Feedback voor de redactie",
        "",
        f"## Niet beantwoorde vragen ({sum(unanswered.values())})",
        "",
    ]
    lines += [f"- {n}× [{region}] {question}" for (region, question), n in unanswered.most_common()] or [
        "- geen"
    ]
    lines += ["", f"## Negatief beoordeelde antwoorden ({sum(down.values())})", ""]
    lines += [f"- {n}× {entry}" for entry, n in down.most_common()] or ["- geen"]
    lines += ["", f"## Antwoorden die niet begrepen werden ({sum(unclear.values())})", ""]
    lines += [f"- {n}× {entry}" for entry, n in unclear.most_common()] or ["- geen"]
    if comments:
        lines += ["", "## Opmerkingen", ""] + [f"- {entry}: {comment}" for entry, comment in comments]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(report(), end="")
