"""Personal data stays out of what we store for content editors."""

from __future__ import annotations

import pytest

from uitstroom.privacy import has_bsn, passes_elfproef, redact, redact_bsn


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("mijn bsn is 123456782", "123456782"),
        ("mijn bsn is 1234.56.782", "56.782"),
        ("mail me op jan.jansen@example.nl", "jan.jansen@example.nl"),
        ("bel 06-12345678 aub", "12345678"),
        ("ik woon op 1234 AB", "1234 AB"),
    ],
)
def test_personal_data_is_removed(text, gone):
    assert gone not in redact(text)


def test_ordinary_question_is_kept():
    assert redact("hoeveel kost woningnet verlengen, 8 euro?") == "hoeveel kost woningnet verlengen, 8 euro?"


def test_length_is_bounded():
    assert len(redact("a" * 10_000)) == 500


@pytest.mark.parametrize(
    "text",
    [
        "mijn bsn is 111222333",
        "111222333",
        "1112.22.333",  # as on a letter
        "111 222 333",
        "hier mijn burgerservicenummer: 12345678",  # next to the word, even without a valid check
        "sofinummer 111222333 voor de aanmelding",
    ],
)
def test_a_bsn_is_recognised_and_replaced(text):
    assert has_bsn(text)
    redacted = redact_bsn(text)
    assert "[BSN]" in redacted
    assert not any(run in redacted for run in ("111", "222", "333", "12345678"))


@pytest.mark.parametrize(
    "text",
    [
        "heb ik mijn bsn nodig voor de aanmelding",  # a question about it, no number
        "mijn klantnummer is 123456789",  # nine digits that fail the BSN check
        "bel me op 0612345678",
        "mijn bsn weet ik niet, bel me op 06 1234 5678",  # the word, but a phone number
        "het kost 125 euro per maand",
        "C-3001",
        "timestamp 1732435200.123456",
    ],
)
def test_other_numbers_are_not_a_bsn(text):
    assert not has_bsn(text)
    assert redact_bsn(text) == text


def test_elfproef():
    assert passes_elfproef("111222333")
    assert not passes_elfproef("111222334")
    assert not passes_elfproef("000000000")
