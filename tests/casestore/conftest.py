"""Case-store fixtures: the same tests run on SQLite and on a real PostgreSQL server.

The PostgreSQL server is Debian's, started here on a free port in a temporary
directory (as the `postgres` user when the tests run as root) and stopped after.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from uitstroom.casestore.db import session_factory
from uitstroom.casestore.setup import setup
from uitstroom.stack import free_port


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("PostgreSQL is not installed: run `make test` (installs Debian's postgresql)")
    return Path(found[-1]).parent


def _as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    bin_dir = _pg_bin()
    root = Path(tempfile.mkdtemp(prefix="uitstroom-pg-"))
    data, sockets = root / "data", root / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sockets, "postgres")
    port = free_port()
    run = dict(check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    subprocess.run(_as_postgres([str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "uitstroom",
                                 "--no-sync", "-E", "UTF8"]), **run)  # fmt: skip
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off"
    subprocess.run(_as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-w", "-l",
                                 str(root / "log.txt"), "start"]), **run)  # fmt: skip
    try:
        yield f"postgresql+psycopg2://uitstroom@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_postgres([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]), **run
        )
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'casestore.sqlite'}"
    url = request.getfixturevalue("postgres_url")
    # A clean schema per test: drop everything the previous test left.
    from sqlalchemy import text

    from uitstroom.casestore.db import engine_for

    with engine_for(url).begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    return url


@pytest.fixture
def demo_store(db_url):
    from uitstroom.casestore.repository import CaseStore

    setup(db_url)
    return CaseStore(session_factory(db_url))
