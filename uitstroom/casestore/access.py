"""Who is asking: signed, expiring tokens for clients and begeleiders.

A client's chat is bound to their case only by a token that `make invite`
issues; typing a name or number into the chat never grants access. The
signing key comes from UITSTROOM_SECRET or is generated once into
.secrets/token_key (never committed).
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

import jwt

from uitstroom import PROJECT_ROOT

ALGORITHM = "HS256"
KEY_FILE = PROJECT_ROOT / ".secrets" / "token_key"
ROLES = ("client", "begeleider")


@dataclass(frozen=True)
class Identity:
    role: str  # "client", "begeleider" or "anoniem"
    subject: str | None = None  # client number or begeleider code

    @property
    def actor(self) -> str:
        return f"{self.role}:{self.subject}" if self.subject else self.role


ANONYMOUS = Identity("anoniem")


def signing_key(key_file: Path = KEY_FILE) -> str:
    from_env = os.environ.get("UITSTROOM_SECRET")
    if from_env:
        return from_env
    if not key_file.exists():
        key_file.parent.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(48))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def issue_token(role: str, subject: str, days: int = 30, key: str | None = None) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    now = dt.datetime.now(dt.timezone.utc)
    claims = {
        "role": role,
        "sub": subject,
        "iat": now,
        "exp": now + dt.timedelta(days=days),
        "jti": uuid.uuid4().hex,
    }
    return jwt.encode(claims, key or signing_key(), algorithm=ALGORITHM)


def verify_token(token: object, key: str | None = None) -> Identity:
    """The identity a token proves, or ANONYMOUS for a missing, forged, malformed or expired one."""
    if not isinstance(token, str) or not token or len(token) > 2000:
        return ANONYMOUS
    try:
        claims = jwt.decode(
            token, key or signing_key(), algorithms=[ALGORITHM], options={"require": ["exp", "sub"]}
        )
    except jwt.PyJWTError:
        return ANONYMOUS
    if claims.get("role") not in ROLES or not isinstance(claims.get("sub"), str):
        return ANONYMOUS
    return Identity(claims["role"], claims["sub"])
