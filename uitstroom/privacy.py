"""Removes personal data from free text before it is stored for content editors."""

from __future__ import annotations

import re

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[e-mail]"),
    (re.compile(r"(?:\+31|0031|\b0)[\s-]?(?:\d[\s-]?){8,10}\b"), "[telefoon]"),
    (re.compile(r"\b\d{8,9}\b"), "[nummer]"),  # BSN-like
    (re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b"), "[postcode]"),
]


def redact(text: str, limit: int = 500) -> str:
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text[:limit]
