"""Personal data stays out of what we store for content editors."""

from __future__ import annotations

import pytest

from uitstroom.privacy import redact


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("mijn bsn is 123456782", "123456782"),
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
