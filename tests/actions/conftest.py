"""Action tests run against a fresh SQLite case store with the demo data, bound to the action server."""

from __future__ import annotations

import pytest

import actions.identity
from uitstroom.casestore.db import session_factory
from uitstroom.casestore.repository import CaseStore
from uitstroom.casestore.setup import setup


@pytest.fixture
def case_store(tmp_path, monkeypatch) -> CaseStore:
    url = f"sqlite:///{tmp_path / 'cases.sqlite'}"
    setup(url)
    store = CaseStore(session_factory(url))
    monkeypatch.setattr(actions.identity, "_store", store)
    return store
