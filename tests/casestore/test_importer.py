"""CSV import: valid rows land, every invalid row is reported with its line and reason."""

from __future__ import annotations

from uitstroom.casestore.importer import import_csv

HEADER = ("client_number;first_name;begeleider_code;region;route;phase;gemeente_herkomst;wensgemeente;"
          "uitstroomgemeente;instroom_date;indicatie_end_date;planned_uitstroom_date")  # fmt: skip
ROWS = [
    "C-5001;Noor;B-03;zuidoost-utrecht;BW;doorstroom;Zeist;Zeist;Zeist;2026-01-15;2029-01-15;2027-03-01",
    "C-5002;Sem;B-02;noordoostpolder;MO;instroom;emmelord;;;15-10-2026;;",  # typo in the place: accepted
    "C-5003;Lotte;B-99;amsterdam;BW;doorstroom;Amsterdam;;;2026-01-01;;",  # unknown begeleider
    "C-1001;Dubbel;B-01;amsterdam;BW;doorstroom;Amsterdam;;;2026-01-01;;",  # exists in the demo data
    "C-5004;Ties;B-01;amsterdam;XX;doorstroom;Amsterdam;;;2026-01-01;;",  # bad route
    "C-5005;Bo;B-01;amsterdam;BW;doorstroom;Atlantis;;;2026-01-01;;",  # unknown gemeente
    "C-5006;Kim;B-01;amsterdam;BW;doorstroom;Amsterdam;;;31-02-2026;;",  # impossible date
    "C-5007;Eva;B-01;amsterdam;BW;doorstroom;123456782;;;2026-01-01;;",  # BSN-like number
    "12345;Ali;B-01;amsterdam;BW;doorstroom;Amsterdam;;;2026-01-01;;",  # bad client number
    ";;;;;;;;;;;",  # empty
]


def write(tmp_path, rows):
    path = tmp_path / "clients.csv"
    path.write_text("\n".join([HEADER, *rows]) + "\n", "utf-8")
    return path


def test_valid_rows_import_and_invalid_rows_are_reported(demo_store, db_url, tmp_path):
    report = import_csv(write(tmp_path, ROWS), db_url)
    assert report.imported == ["C-5001", "C-5002"]
    assert [line for line, _ in report.rejected] == [4, 5, 6, 7, 8, 9, 10, 11]
    reasons = " ".join(reason for _, reason in report.rejected)
    expected = ["onbekende begeleider", "bestaat al", "route", "Atlantis", "ongeldige datum", "BSN", "C-1234"]
    for fragment in [*expected, "ontbreekt"]:
        assert fragment in reasons
    sem = demo_store.client("C-5002")
    assert sem.case.gemeente_herkomst == "Noordoostpolder" and sem.begeleider.code == "B-02"


def test_dry_run_writes_nothing(demo_store, db_url, tmp_path):
    report = import_csv(write(tmp_path, ROWS[:1]), db_url, dry_run=True)
    assert report.imported == ["C-5001"]
    assert demo_store.client("C-5001") is None
