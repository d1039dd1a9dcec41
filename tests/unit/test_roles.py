"""RoleExtractor: the role a writer gives themselves, never someone else's."""

from __future__ import annotations

import pytest
from uitstroom_nlu.roles import find_roles


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("ik ben ambulant begeleider", "begeleider"),
        ("ik ben woonbegeleidster op een trainingshuis", "begeleider"),
        ("pb'er hier, regio Hoorn", "begeleider"),
        ("casemanager bij het Leger des Heils, dat ben ik", "begeleider"),
        ("persoonlijk begeleider bij de MO", "begeleider"),
        ("ambulant hulpverlener in de Noordoostpolder", "begeleider"),
        ("ik werk bij een tussenvoorziening in Enkhuizen als begeleider", "begeleider"),
        ("van beroep ben ik hulpverlener, ik werk op een bw-locatie", "begeleider"),
        ("zelf client, woon in Zwaag", "client"),
        ("ben client, woon nu in Bovenkarspel", "client"),
        ("cliënt hier", "client"),
        ("werk als ambulant begeleider in de regio Zeist", "begeleider"),
        ("mijn cliënten wonen in West-Friesland, ik ben hun begeleider", "begeleider"),
    ],
)
def test_own_role(text, role):
    assert [value for _, _, value in find_roles(text)] == [role]


@pytest.mark.parametrize(
    "text",
    [
        "mijn begeleider is ziek",
        "begeleider van mijn zoon belt niet",
        "begeleider bij de opvang belt niet terug",
        "cliënt bij ons wil verhuizen",
        "ik ben geen begeleider",
        "hoe meld ik een cliënt aan",
        "uitstroomcoördinator, wat is dat voor iemand",
    ],
)
def test_someone_elses_role_is_not_the_writers(text):
    assert find_roles(text) == []
