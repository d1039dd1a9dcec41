"""Imports clients and their cases from CSV, validating every row and reporting the rejected ones.

    python -m uitstroom.casestore.importer clients.csv [--dry-run]

Columns (header row, ; or , separated): client_number, first_name, begeleider_code, region,
route, phase, gemeente_herkomst, wensgemeente, uitstroomgemeente, instroom_date,
indicatie_end_date, planned_uitstroom_date. Dates as YYYY-MM-DD or DD-MM-YYYY.
A row is rejected, with its line number and reason, when a field is missing or
invalid, the begeleider is unknown, the client number exists already, or a
column looks like a BSN. Valid rows are written in one transaction.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from uitstroom.casestore.db import session_factory
from uitstroom.casestore.models import PHASES, ROUTES, Begeleider, Case, Client
from uitstroom.gazetteer import default_gazetteer
from uitstroom.knowledge.model import default_knowledge_base

REQUIRED = ("client_number", "first_name", "begeleider_code", "region", "route", "phase")
DATES = ("instroom_date", "indicatie_end_date", "planned_uitstroom_date")
PLACES = ("gemeente_herkomst", "wensgemeente", "uitstroomgemeente")
CLIENT_NUMBER = re.compile(r"^C-\d{3,8}$")
BSN_LIKE = re.compile(r"^\d{8,9}$")


@dataclass
class ImportReport:
    imported: list[str] = field(default_factory=list)
    rejected: list[tuple[int, str]] = field(default_factory=list)

    def text(self) -> str:
        lines = [f"Geïmporteerd: {len(self.imported)} cliënten. Afgewezen: {len(self.rejected)} regels."]
        lines += [f"  regel {line}: {reason}" for line, reason in self.rejected]
        return "\n".join(lines)


def parse_date(value: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            pass
    raise ValueError(f"ongeldige datum '{value}'")


def validate(row: dict[str, str], begeleiders: dict[str, int], existing: set[str]) -> dict:
    row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    if any(BSN_LIKE.match(v) for v in row.values()):
        raise ValueError("bevat een nummer dat op een BSN lijkt: BSN's worden nooit opgeslagen")
    missing = [c for c in REQUIRED if not row.get(c)]
    if missing:
        raise ValueError(f"ontbreekt: {', '.join(missing)}")
    if not CLIENT_NUMBER.match(row["client_number"]):
        raise ValueError(f"cliëntnummer '{row['client_number']}' heeft niet de vorm C-1234")
    if row["client_number"] in existing:
        raise ValueError(f"cliëntnummer {row['client_number']} bestaat al")
    if row["begeleider_code"] not in begeleiders:
        raise ValueError(f"onbekende begeleider {row['begeleider_code']}")
    if row["region"] not in default_knowledge_base().regions:
        raise ValueError(f"onbekende regio '{row['region']}'")
    if row["route"] not in ROUTES:
        raise ValueError(f"route moet BW of MO zijn, niet '{row['route']}'")
    if row["phase"] not in PHASES:
        raise ValueError(f"onbekende fase '{row['phase']}'")
    places = {}
    for column in PLACES:
        if row.get(column):
            found = default_gazetteer().lookup(row[column])
            if found is None:
                raise ValueError(f"onbekende gemeente '{row[column]}' in {column}")
            places[column] = found.gemeente
    dates = {column: parse_date(row.get(column, "")) for column in DATES}
    return {**row, **places, **dates, "begeleider_id": begeleiders[row["begeleider_code"]]}


def import_csv(path: Path, url: str | None = None, dry_run: bool = False) -> ImportReport:
    report = ImportReport()
    sessions = session_factory(url)
    text = path.read_text("utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,")
    with sessions.begin() as s:
        begeleiders = {b.code: b.id for b in s.scalars(select(Begeleider))}
        existing = set(s.scalars(select(Client.client_number)))
        for line, row in enumerate(csv.DictReader(text.splitlines(), dialect=dialect), start=2):
            try:
                valid = validate(row, begeleiders, existing)
            except ValueError as error:
                report.rejected.append((line, str(error)))
                continue
            existing.add(valid["client_number"])
            client = Client(client_number=valid["client_number"], first_name=valid["first_name"],
                            begeleider_id=valid["begeleider_id"])  # fmt: skip
            s.add(client)
            s.add(Case(client=client, region=valid["region"], route=valid["route"], phase=valid["phase"],
                       **{c: valid.get(c) for c in PLACES}, **{c: valid[c] for c in DATES}))  # fmt: skip
            report.imported.append(valid["client_number"])
        if dry_run:
            s.rollback()
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description="Importeer cliënten uit een CSV-bestand.")
    parser.add_argument("csv", type=Path)
    parser.add_argument("--dry-run", action="store_true", help="alleen controleren, niets opslaan")
    args = parser.parse_args()
    report = import_csv(args.csv, dry_run=args.dry_run)
    print(report.text())
    return 1 if report.rejected else 0


if __name__ == "__main__":
    sys.exit(main())
