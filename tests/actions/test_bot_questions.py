"""A question about the assistant gets the answer to that question, not a generic one."""

from __future__ import annotations

import pytest

from actions.bot_questions import reply_for


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("wie kan er meelezen met wat ik hier typ?", "utter_bot_privacy"),
        ("worden mijn berichten bewaard", "utter_bot_privacy"),
        ("is deze chat anoniem", "utter_bot_privacy"),
        ("kan ik dit gesprek laten verwijderen", "utter_bot_privacy"),
        ("gaat dit naar mijn dossier?", "utter_bot_privacy"),
        ("ben je een computer of ziet iemand mijn gegevens", "utter_bot_privacy"),
        ("waar haal je je info vandaan", "utter_bot_bron"),
        ("is wat jij zegt wel actueel", "utter_bot_bron"),
        ("hoe heet jij", "utter_bot_naam"),
        ("ben jij een robot", "utter_bot_vraag"),
        ("praat ik met een echt mens?", "utter_bot_vraag"),
        ("", "utter_bot_vraag"),
    ],
)
def test_reply_fits_the_question(text, reply):
    assert reply_for(text) == reply


def test_every_reply_exists_in_the_domain():
    import yaml

    from uitstroom import PROJECT_ROOT

    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text("utf-8"))["responses"]
    for text in ("wie leest mee", "waar komt je info vandaan", "hoe heet je", "ben je een bot"):
        assert reply_for(text) in responses
