"""Places in free text resolve to the right gemeente and region."""

from __future__ import annotations

from collections import Counter

import pytest

from uitstroom.gazetteer import default_gazetteer

G = default_gazetteer()


def test_every_current_gemeente_is_there_once():
    assert len(G.gemeenten) == 342
    provinces = Counter(g.province for g in G.gemeenten.values())
    assert provinces["Flevoland"] == 6 and provinces["Noord-Brabant"] == 56


@pytest.mark.parametrize(
    ("text", "gemeente", "region"),
    [
        ("ik woon in Emmeloord", "Noordoostpolder", "noordoostpolder"),
        ("ik woon in emmelord", "Noordoostpolder", "noordoostpolder"),  # typo
        ("ik kom uit Mokum", "Amsterdam", "amsterdam"),
        ("in de Bijlmer", "Amsterdam", "amsterdam"),
        ("ik zit in Bilthoven", "De Bilt", "zuidoost-utrecht"),
        ("Driebergen-Rijsenburg", "Utrechtse Heuvelrug", "zuidoost-utrecht"),
        ("begeleider in Zeist", "Zeist", "zuidoost-utrecht"),
        ("ik woon in Zwaag", "Hoorn", "westfriesland"),
        ("wonen in wijk bij duurstede", "Wijk bij Duurstede", "zuidoost-utrecht"),
        ("ik woon in Groningen", "Groningen", None),
        ("ik woon in den haag", "'s-Gravenhage", None),
    ],
)
def test_place_resolves(text, gemeente, region):
    places = G.find(text)
    assert places, text
    assert (places[-1].gemeente, places[-1].region) == (gemeente, region)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("ik woon in West-Friesland", "westfriesland"),
        ("regio westfriesland", "westfriesland"),
        ("de Westfriese gemeenten", "westfriesland"),
        ("ik woon in Zuidoost Utrecht", "zuidoost-utrecht"),  # not Amsterdam-Zuidoost, not Utrecht
        ("ZO-Utrecht", "zuidoost-utrecht"),
    ],
)
def test_a_region_name_gives_the_region_without_a_gemeente(text, region):
    places = G.find(text)
    assert [(p.gemeente, p.region) for p in places] == [(None, region)]


def test_a_region_name_is_not_a_gemeente():
    # lookup resolves gemeenten only (the CSV import relies on it)
    assert G.lookup("West-Friesland") is None
    assert G.find("ik woon in Amsterdam Zuidoost")[0].gemeente == "Amsterdam"


@pytest.mark.parametrize(
    "text", ["ik geef het aan hem", "wat is het beste", "echt waar?", "ik wil noord", "nop"]
)
def test_common_words_are_not_places(text):
    assert G.find(text) == []


def test_common_word_place_counts_after_a_cue_or_with_a_capital():
    assert G.find("ik woon in best")[0].gemeente == "Best"
    assert G.find("Hem")[0].gemeente == "Drechterland"
    assert G.find("ik woon in de NOP")[0].gemeente == "Noordoostpolder"
    assert G.find("is lang geleen, weet niet meer") == []  # a typo of "geleden"
    assert G.find("ik kom uit Dordt")[0].gemeente == "Dordrecht"
