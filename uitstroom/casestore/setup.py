"""`make casestore`: migrate the case store and load the demo data once (when it is empty)."""

from __future__ import annotations

from sqlalchemy import func, select

from uitstroom.casestore.access import signing_key
from uitstroom.casestore.db import database_url, migrate, session_factory
from uitstroom.casestore.demo import load_demo
from uitstroom.casestore.models import Organisation


def setup(url: str | None = None, demo: bool = True) -> bool:
    """Returns True when demo data was loaded now."""
    url = url or database_url()
    migrate(url)
    signing_key()  # generate the token key at set-up, not at the first request
    sessions = session_factory(url)
    with sessions.begin() as s:
        if not demo or s.scalar(select(func.count(Organisation.id))):
            return False
        load_demo(s)
        return True


def main() -> None:
    loaded = setup()
    print("Case store ready" + (" (demo data loaded)." if loaded else "."))


if __name__ == "__main__":
    main()
