"""The assistant never asks for a BSN: no text we send and no stored column mentions one as a request."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from uitstroom.casestore.models import Base

ROOT = Path(__file__).resolve().parents[2]


def strings(value: object) -> list[str]:
    """Every string in a YAML tree: texts, variants per audience, button titles."""
    if isinstance(value, str):
        return [value]
    children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [s for child in children for s in strings(child)]


def bot_texts() -> list[str]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text("utf-8"))
    texts = [v["text"] for variants in domain["responses"].values() for v in variants]
    texts += strings(yaml.safe_load((ROOT / "actions" / "messages.yml").read_text("utf-8")))
    return texts


def test_no_response_asks_for_a_bsn():
    for text in bot_texts():
        assert not re.search(r"\b(bsn|burgerservicenummer)\b", text, re.I), text


def test_case_store_has_no_bsn_column():
    columns = {c.name.lower() for table in Base.metadata.tables.values() for c in table.columns}
    assert not any("bsn" in c or "burgerservice" in c for c in columns)
