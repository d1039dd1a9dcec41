"""Removes personal data from free text before it is stored: for content editors, and a BSN a user
types anywhere (we never ask for one)."""

from __future__ import annotations

import re

_PATTERNS = [
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), "[e-mail]"),
    (re.compile(r"(?:\+31|0031|\b0)[\s-]?(?:\d[\s-]?){8,10}\b"), "[telefoon]"),
    (re.compile(r"\b\d{8,9}\b"), "[nummer]"),  # BSN-like
    (re.compile(r"\b\d{4}\s?[A-Za-z]{2}\b"), "[postcode]"),
]

# Nine digits, as typed: "123456782", "1234.56.782", "123 456 782". Not part of a longer number
# ("06 1234 5678" holds eight digits after "06 ": a phone number, not a BSN).
_NOT_AFTER_DIGITS = r"(?<![\d.,-])(?<!\d )"
_NINE_DIGITS = re.compile(_NOT_AFTER_DIGITS + r"\d(?:[ .-]?\d){8}(?![\d]|[.,-]\d)")
# A word that says the number is one: then an 8 or 9 digit number counts even if it fails the check.
_BSN_WORD = re.compile(r"\b(?:bsn|burgerservice ?nummer|sofi ?nummer)\b", re.IGNORECASE)
_EIGHT_OR_NINE = re.compile(_NOT_AFTER_DIGITS + r"\d(?:[ .-]?\d){7,8}(?![\d]|[.,-]\d)")
BSN_PLACEHOLDER = "[BSN]"


def redact(text: str, limit: int = 500) -> str:
    text = redact_bsn(text)  # first: also as typed with dots or spaces ("1112.22.333")
    for pattern, placeholder in _PATTERNS:
        text = pattern.sub(placeholder, text)
    return text[:limit]


def passes_elfproef(digits: str) -> bool:
    """The BSN check: 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11 (and not all zeros)."""
    if len(digits) == 8:
        digits = "0" + digits
    if len(digits) != 9 or not digits.isdigit() or int(digits) == 0:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _bsn_spans(text: str) -> list[tuple[int, int]]:
    if _BSN_WORD.search(text):  # said to be one: every 8-9 digit number
        return [m.span() for m in _EIGHT_OR_NINE.finditer(text)]
    return [m.span() for m in _NINE_DIGITS.finditer(text) if passes_elfproef(re.sub(r"\D", "", m.group()))]


def has_bsn(text: str) -> bool:
    """A BSN in the message: a valid nine-digit number, or any 8-9 digit number next to the word."""
    return bool(_bsn_spans(text))


def redact_bsn(text: str) -> str:
    for start, end in reversed(_bsn_spans(text)):
        text = text[:start] + BSN_PLACEHOLDER + text[end:]
    return text
