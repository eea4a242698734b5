"""Shared fixtures. Every name, outlet, number and sentence here is invented."""

from __future__ import annotations

from pathlib import Path

import pytest

# Three short articles with the header block the loader reads (Title/Source/Date):
# direct quotes with titled speakers, an indirect statement, later surname-only and
# pronoun mentions, figures (troops, money, people), and a quote that starts with "="
# (a spreadsheet formula if exported to CSV unneutralised).
CORPUS: dict[str, str] = {
    "a_bridge.txt": (
        "Title: Eastvale Promises New Bridge\n"
        "Source: Eastvale Courier\n"
        "Date: 2021-03-09\n"
        "\n"
        '"We will rebuild the bridge by spring," Mayor Ada Brightwater said on Tuesday.\n'
        "\n"
        "The council approved $40 million in aid for the river district after the floods, "
        "officials said.\n"
        "\n"
        '"Nobody will be left behind," she said.\n'
        "\n"
        "Brightwater said the ferry service would run until the bridge reopened.\n"
    ),
    "b_budget.txt": (
        "Title: Budget To Rise Next Year\n"
        "Source: Northern Ledger\n"
        "Date: 2021-05-14\n"
        "\n"
        "Finance Minister Karel Novak said the budget would rise.\n"
        "\n"
        "Novak added that the ministry would hire about 250 new inspectors to audit the ports.\n"
        "\n"
        '"=C12 was the cell that hid the error," Novak told reporters in Lindport.\n'
    ),
    "c_border.txt": (
        "Title: Troops Gather Near Border\n"
        "Source: Valley Herald\n"
        "Date: 2021-08-20\n"
        "\n"
        "More than 3,000 soldiers have been moved to the northern border, General Petra Voss "
        "said on Thursday.\n"
        "\n"
        '"Our patrols will continue day and night," Voss said.\n'
        "\n"
        "At least 12 people were injured in clashes last week, according to the regional "
        "hospital.\n"
    ),
}


def write_corpus(folder: Path, articles: dict[str, str] = CORPUS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session", autouse=True)
def no_user_config(tmp_path_factory: pytest.TempPathFactory):
    """A user's configuration (``claimtrack.toml`` where the tests run, or the file
    CLAIMTRACK_CONFIG names) never reaches a test: an empty file stands in for it."""
    path = tmp_path_factory.mktemp("config") / "claimtrack.toml"
    path.write_text("", encoding="utf-8")
    patch = pytest.MonkeyPatch()
    patch.setenv("CLAIMTRACK_CONFIG", str(path))
    yield path
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def no_terminal_settings():
    """Tables are laid out for COLUMNS when piped, and colours follow NO_COLOR and
    TTY_COMPATIBLE: a developer's shell settings never reach a test (tests that want
    one set it)."""
    patch = pytest.MonkeyPatch()
    for name in ("COLUMNS", "LINES", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        patch.delenv(name, raising=False)
    yield
    patch.undo()


@pytest.fixture(scope="session")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The CORPUS extracted once per session: (articles folder, database path).

    Tests must only read this database; copy it to change it.
    """
    from typer.testing import CliRunner

    from claimtrack.cli import app

    root = tmp_path_factory.mktemp("corpus")
    folder = write_corpus(root / "articles")
    db = root / "claims.db"
    result = CliRunner().invoke(app, ["extract", str(folder), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return folder, db


# --- a throwaway PostgreSQL server -----------------------------------------------------------


def _postgres_binary(name: str) -> str:
    import glob
    import shutil

    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    assert found, f"PostgreSQL's {name} is needed for the postgres tests (Debian: apt-get install postgresql)"
    return found


@pytest.fixture(scope="session")
def postgres_server():
    """A PostgreSQL server in a temporary folder on 127.0.0.1, for this test session
    only; its base URL. As root, the server runs as the `postgres` user, since
    PostgreSQL refuses to run as root."""
    import os
    import shutil
    import socket
    import subprocess
    import tempfile

    user = "postgres" if os.geteuid() == 0 else None
    folder = tempfile.mkdtemp(prefix="claimtrack-pg-")
    if user is not None:
        shutil.chown(folder, user=user)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    data = os.path.join(folder, "data")
    run = dict(user=user, check=True, capture_output=True, text=True, cwd=folder)
    subprocess.run([_postgres_binary("initdb"), "-D", data, "-U", "claimtrack", "--auth=trust", "-E", "UTF8"], **run)
    subprocess.run(
        [_postgres_binary("pg_ctl"), "-D", data, "-l", os.path.join(folder, "log"), "-w", "start", "-o",
         f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"],
        **run,
    )
    try:
        yield f"postgresql+psycopg://claimtrack@127.0.0.1:{port}"
    finally:
        subprocess.run([_postgres_binary("pg_ctl"), "-D", data, "-m", "immediate", "stop"], **run)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def postgres_db(postgres_server, request) -> str:
    """A new, empty database on the session's server: its SQLAlchemy URL."""
    import re

    import psycopg

    name = "t_" + re.sub(r"\W", "_", request.node.name.lower())[:50]
    with psycopg.connect(postgres_server.replace("+psycopg", "") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{postgres_server}/{name}"
