"""Database engine, sessions and migrations for the case store.

UITSTROOM_DATABASE_URL selects the database; the embedded default is SQLite in
.run/casestore.sqlite. PostgreSQL in production, e.g.
postgresql+psycopg2://user@host/dbname.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from uitstroom import PROJECT_ROOT

MIGRATIONS = Path(__file__).with_name("migrations")
DEFAULT_SQLITE = PROJECT_ROOT / ".run" / "casestore.sqlite"


def database_url() -> str:
    return os.environ.get("UITSTROOM_DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        on_disk = bool(path) and path != ":memory:"
        if on_disk:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        # A file database gets a connection pool (SQLAlchemy 1.4's default for it opens a connection
        # per session) and write-ahead logging: readers no longer wait for a writer, and a commit
        # appends to the log without syncing the database file. Under 20 concurrent conversations
        # SQLite's connect/execute/commit were ~30% of the action server's busy samples (py-spy).
        pool = {"poolclass": QueuePool, "pool_size": 5, "max_overflow": 10} if on_disk else {}
        connect_args = {"check_same_thread": False, "timeout": 15}
        engine = create_engine(url, future=True, connect_args=connect_args, **pool)

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
            dbapi_connection.execute("PRAGMA foreign_keys=ON")
            if on_disk:
                dbapi_connection.execute("PRAGMA journal_mode=WAL")
                # Durable in WAL mode against a crash of the process; a power cut may lose the last commits.
                dbapi_connection.execute("PRAGMA synchronous=NORMAL")

        return engine
    return create_engine(url, future=True, pool_pre_ping=True, pool_size=5, max_overflow=5)


@lru_cache(maxsize=4)
def engine_for(url: str) -> Engine:
    return make_engine(url)


def session_factory(url: str | None = None) -> sessionmaker:
    return sessionmaker(bind=engine_for(url or database_url()), future=True, expire_on_commit=False)


def new_session(url: str | None = None) -> Session:
    return session_factory(url)()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def migrate(url: str | None = None) -> None:
    """Brings the schema to the newest migration."""
    command.upgrade(alembic_config(url or database_url()), "head")
