"""Tokens: only a valid, unexpired, correctly signed token identifies anyone."""

from __future__ import annotations

import datetime as dt

import jwt
import pytest

from uitstroom.casestore.access import ALGORITHM, ANONYMOUS, Identity, issue_token, verify_token

KEY = "test-key-" + "x" * 40


def test_valid_client_token():
    assert verify_token(issue_token("client", "C-1001", key=KEY), key=KEY) == Identity("client", "C-1001")


def test_valid_begeleider_token():
    assert verify_token(issue_token("begeleider", "B-03", key=KEY), key=KEY) == Identity("begeleider", "B-03")


def test_expired_token_is_anonymous():
    claims = {
        "role": "client",
        "sub": "C-1001",
        "exp": dt.datetime.now(dt.timezone.utc) - dt.timedelta(seconds=1),
    }
    assert verify_token(jwt.encode(claims, KEY, algorithm=ALGORITHM), key=KEY) is ANONYMOUS


def test_token_signed_with_another_key_is_anonymous():
    assert verify_token(issue_token("client", "C-1001", key="another-key" * 4), key=KEY) is ANONYMOUS


def test_unsigned_token_is_anonymous():
    forged = jwt.encode({"role": "begeleider", "sub": "B-01", "exp": 9999999999}, None, algorithm="none")
    assert verify_token(forged, key=KEY) is ANONYMOUS


@pytest.mark.parametrize("token", [None, "", "C-1001", 12345, "a.b.c", "x" * 5000, {"role": "client"}])
def test_garbage_is_anonymous(token):
    assert verify_token(token, key=KEY) is ANONYMOUS


def test_unknown_role_cannot_be_issued():
    with pytest.raises(ValueError):
        issue_token("admin", "X", key=KEY)
