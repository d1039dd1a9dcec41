"""A realistic, fictional demo data set: organisations per region, three begeleiders, twenty clients.

All people are invented. Dates are relative to the day the data is loaded, so
deadlines stay meaningful ("uitstroomtafel 2 over zes weken").
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from uitstroom.casestore.models import Begeleider, Case, Client, Criterion, Document, Meeting, Organisation
from uitstroom.casestore.rules import add_months

ORGANISATIONS = [
    ("Stichting Thuisbasis Amsterdam", "zorgaanbieder", "amsterdam"),
    ("Woonzorg West-Friesland", "zorgaanbieder", "westfriesland"),
    ("Polderhuis Beschermd Wonen", "zorgaanbieder", "noordoostpolder"),
    ("Heuvelrug Herstel en Wonen", "zorgaanbieder", "zuidoost-utrecht"),
    ("Noorderlicht Opvang", "zorgaanbieder", "algemeen"),
    ("Gemeente Noordoostpolder, team Beschermd Wonen", "gemeente", "noordoostpolder"),
    ("Wijkteam Zeist-Noord", "wijkteam", "zuidoost-utrecht"),
    ("Woningstichting Voorbeeld", "woningcorporatie", "zuidoost-utrecht"),
]

BEGELEIDERS = [
    # code, name, organisation index, teams id, slack id
    ("B-01", "Anna de Vries", 0, "teams-demo-anna", "U0DEMOANNA"),
    ("B-02", "Jeroen Bakker", 2, "teams-demo-jeroen", "U0DEMOJEROEN"),
    ("B-03", "Latifa El Amrani", 3, "teams-demo-latifa", "U0DEMOLATIFA"),
]

# number, first name, begeleider, region, route, phase, months since instroom, months to planned uitstroom,
# gemeente van herkomst, documents {type: status}, meetings {kind: months from today (negative = held)}
CLIENTS = [
    ("C-1001", "Pieter", "B-01", "amsterdam", "BW", "doorstroom", 14, 8, "Amsterdam",
     {"begeleidingsplan": "binnen", "woningnet": "binnen", "akkoordbrief": "nog_niet"}, {"evaluatie": -2}),
    ("C-1002", "Fatima", "B-01", "amsterdam", "BW", "uitstroom", 20, 3, "Amsterdam",
     {"begeleidingsplan": "binnen", "woningnet": "binnen", "akkoordbrief": "binnen",
      "urgentie_onder_voorwaarden": "aangevraagd"}, {"veldtafel": -1}),
    ("C-1003", "Sanne", "B-01", "amsterdam", "MO", "instroom", 2, 16, "Amstelveen",
     {"begeleidingsplan": "aangevraagd"}, {}),
    ("C-1004", "Mohammed", "B-01", "amsterdam", "BW", "proefwonen", 30, -2, "Amsterdam",
     {"begeleidingsplan": "binnen", "woningnet": "binnen", "akkoordbrief": "binnen",
      "urgentie_onder_voorwaarden": "binnen"}, {"evaluatie": -4}),
    ("C-1005", "Kevin", "B-01", "algemeen", "MO", "doorstroom", 6, 5, "Groningen",
     {"plan_van_aanpak": "binnen", "perspectiefplan": "aangevraagd"}, {}),
    ("C-1006", "Anouk", "B-01", "algemeen", "BW", "uitstroom", 18, 4, "Zwolle",
     {"plan_van_aanpak": "binnen", "perspectiefplan": "binnen", "inkomensverklaring": "nog_niet"}, {}),
    ("C-1007", "Ricardo", "B-01", "amsterdam", "BW", "zelfstandig_wonen", 40, -10, "Amsterdam",
     {"begeleidingsplan": "binnen", "woningnet": "binnen", "akkoordbrief": "binnen",
      "urgentie_onder_voorwaarden": "binnen"}, {}),
    ("C-2001", "Lisa", "B-02", "noordoostpolder", "BW", "instroom", 3, 18, "Noordoostpolder",
     {"woningnet": "binnen", "ondersteuningsplan": "aangevraagd"}, {"uitstroomtafel_1": 2}),
    ("C-2002", "Youssef", "B-02", "noordoostpolder", "BW", "doorstroom", 9, 7, "Lelystad",
     {"woningnet": "binnen", "ondersteuningsplan": "binnen"},
     {"uitstroomtafel_1": -4, "uitstroomtafel_2": 1}),
    ("C-2003", "Emma", "B-02", "noordoostpolder", "BW", "uitstroom", 16, 2, "Noordoostpolder",
     {"woningnet": "binnen", "ondersteuningsplan": "binnen", "driepartijenovereenkomst": "nog_niet"},
     {"uitstroomtafel_1": -10, "uitstroomtafel_2": -4}),
    ("C-2004", "Dennis", "B-02", "noordoostpolder", "BW", "doorstroom", 8, 10, "Urk",
     {"ondersteuningsplan": "binnen"}, {}),
    ("C-2005", "Samira", "B-02", "westfriesland", "BW", "doorstroom", 12, 6, "Hoorn",
     {"perspectiefplan": "binnen", "aanmeldformulier_uitstroom": "nog_niet"}, {}),
    ("C-2006", "Bram", "B-02", "westfriesland", "MO", "uitstroom", 10, 2, "Enkhuizen",
     {"perspectiefplan": "binnen", "aanmeldformulier_uitstroom": "binnen"}, {}),
    ("C-2007", "Naima", "B-02", "westfriesland", "BW", "instroom", 1, 20, "Medemblik", {}, {}),
    ("C-3001", "Joost", "B-03", "zuidoost-utrecht", "BW", "doorstroom", 11, 5, "Zeist",
     {"inkomensverklaring": "nog_niet", "begeleidingsovereenkomst": "binnen"}, {}),
    ("C-3002", "Ilse", "B-03", "zuidoost-utrecht", "BW", "uitstroom", 19, 1, "De Bilt",
     {"inkomensverklaring": "binnen", "begeleidingsovereenkomst": "binnen",
      "driepartijenovereenkomst": "aangevraagd", "overdrachtsdocument": "nog_niet",
      "preventie_actieplan": "binnen"}, {"wijkteam": 0}),
    ("C-3003", "Tim", "B-03", "zuidoost-utrecht", "MO", "doorstroom", 5, 9, "Bunnik",
     {"inkomensverklaring": "aangevraagd"}, {}),
    ("C-3004", "Özlem", "B-03", "zuidoost-utrecht", "BW", "proefwonen", 26, -3, "Wijk bij Duurstede",
     {"inkomensverklaring": "binnen", "begeleidingsovereenkomst": "binnen",
      "driepartijenovereenkomst": "binnen", "overdrachtsdocument": "binnen",
      "preventie_actieplan": "binnen"}, {"wijkteam": -4}),
    ("C-3005", "Marco", "B-03", "zuidoost-utrecht", "BW", "instroom", 2, 22, "Utrechtse Heuvelrug", {}, {}),
    ("C-3006", "Esra", "B-03", "zuidoost-utrecht", "BW", "doorstroom", 13, 4, "Zeist",
     {"inkomensverklaring": "nog_niet", "begeleidingsovereenkomst": "aangevraagd"}, {}),
]  # fmt: skip

CRITERIA = {"C-1002": {"stappenplan_wonen": "voldaan", "veldtafel_akkoord": "voldaan"},
            "C-2005": {"verblijf": "voldaan", "uitstroomklaar": "voldaan"},
            "C-3002": {"beter_wonen": "voldaan"}}  # fmt: skip


def load_demo(s: Session, today: dt.date | None = None) -> None:
    today = today or dt.date.today()
    orgs = [Organisation(name=n, kind=k, region=r) for n, k, r in ORGANISATIONS]
    s.add_all(orgs)
    begeleiders = {
        code: Begeleider(code=code, name=name, organisation=orgs[i], teams_user_id=teams, slack_user_id=slack)
        for code, name, i, teams, slack in BEGELEIDERS
    }
    s.add_all(begeleiders.values())
    for number, name, bg, region, route, phase, since, until, herkomst, docs, meetings in CLIENTS:
        client = Client(client_number=number, first_name=name, begeleider=begeleiders[bg])
        instroom = add_months(today, -since)
        case = Case(
            client=client, region=region, route=route, phase=phase, gemeente_herkomst=herkomst,
            wensgemeente=herkomst, uitstroomgemeente=herkomst, instroom_date=instroom,
            indicatie_end_date=add_months(instroom, 36), planned_uitstroom_date=add_months(today, until),
        )  # fmt: skip
        for doc_type, status in docs.items():
            doc = Document(type=doc_type, status=status)
            if status == "binnen":
                doc.received_on = add_months(today, -1)
            if doc_type == "woningnet":
                doc.registered_on = instroom
                doc.renewed_on = add_months(today, -11)  # renewal falls due next month
            case.documents.append(doc)
        for kind, months in meetings.items():
            day = add_months(today, months)
            case.meetings.append(Meeting(kind=kind, planned_on=day, held_on=day if months < 0 else None))
        for code, status in CRITERIA.get(number, {}).items():
            case.criteria.append(Criterion(code=code, status=status))
        s.add_all([client, case])
