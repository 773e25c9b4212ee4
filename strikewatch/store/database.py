"""`Store`: the one owner of the database engine. No other module opens a connection.

Like datasette's `Database`, it hides the driver's quirks behind a few calls: `read()` for a
consistent snapshot, `transact(fn)` for a write transaction that is retried when another writer
holds the database, `insert_ignore(table)` for the dialect's INSERT ... ON CONFLICT DO NOTHING.

SQLite (the default, a file in the working folder) runs in WAL mode, so readers never wait for
the writer; every write transaction starts with BEGIN IMMEDIATE, so two writers queue on the
busy timeout instead of failing half-way with "database is locked" on their first write.
PostgreSQL writers that must not interleave (migrations, linking) take a transaction-level
advisory lock.
"""

from __future__ import annotations

import importlib.resources
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import StaticPool

from ..errors import StrikeWatchError

T = TypeVar("T")
DEFAULT_PATH = "strikewatch.db"
BUSY_TIMEOUT_S = 60
# Advisory lock keys (PostgreSQL): arbitrary constants, one per kind of exclusive work.
MIGRATE_LOCK = 0x53570001
LINK_LOCK = 0x53570002
# PostgreSQL errors that mean "run the transaction again": serialization failure, deadlock.
_RETRY_SQLSTATES = {"40001", "40P01"}


class StoreError(StrikeWatchError):
    """The database cannot be opened or used; the message names the URL."""


def database_url(url: str | Path | None) -> str:
    """The SQLAlchemy URL for what a user typed: None, a file path, or a URL.

    >>> database_url(None)
    'sqlite:///strikewatch.db'
    >>> database_url("postgresql://u@db/sw")
    'postgresql+psycopg://u@db/sw'
    >>> database_url("/data/monitor.db")
    'sqlite:////data/monitor.db'
    """
    if url is None or str(url) == "":
        return f"sqlite:///{DEFAULT_PATH}"
    text = str(url)
    for plain in ("postgresql://", "postgres://"):
        if text.startswith(plain):  # psycopg 3 is the driver we ship; SQLAlchemy's default is psycopg2
            return "postgresql+psycopg://" + text[len(plain):]
    if "://" not in text:
        return f"sqlite:///{text}"
    return text


class Store:
    """The database: articles, reports, incidents, quarantine and the audit log.

    `Store(engine)` does no I/O; `Store.open(url)` connects and migrates to the newest schema.

    >>> store = Store.open("sqlite://")   # in memory; a path or postgresql://... in real use
    >>> store.dialect
    'sqlite'
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.url = engine.url.render_as_string(hide_password=True)

    @classmethod
    def open(cls, url: str | Path | None = None, *, migrate: bool = True) -> Store:
        """Connect to `url` (see `database_url`) and, unless `migrate=False`, upgrade it to head."""
        full = database_url(url)
        try:
            engine = _create_engine(full)
            store = cls(engine)
            if migrate:
                store.upgrade()
            else:
                with engine.connect():
                    pass
        except (DBAPIError, OSError) as exc:
            shown = sa.make_url(full).render_as_string(hide_password=True)
            raise StoreError(f"cannot open database {shown}: {getattr(exc, 'orig', None) or exc}{_hint(full)}") from exc
        return store

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- transactions --------------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[Connection]:
        """A connection in a read transaction (one snapshot in WAL mode and on PostgreSQL)."""
        with self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def write(self, *, lock: int | None = None) -> Iterator[Connection]:
        """A write transaction: committed when the block ends, rolled back on any exception
        (KeyboardInterrupt included), so an interrupted batch leaves no trace.

        `lock`: a PostgreSQL advisory lock key held to the end of the transaction (on SQLite
        every write transaction is already exclusive).
        """
        with self.engine.connect() as conn:
            conn = conn.execution_options(sqlite_immediate=True)
            with conn.begin():
                if lock is not None and self.dialect == "postgresql":
                    conn.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": lock})
                yield conn

    def transact(self, fn: Callable[[Connection], T], *, lock: int | None = None, attempts: int = 8) -> T:
        """`fn(conn)` in a write transaction, run again from the start when the database reports
        a transient conflict (SQLite busy past its timeout, a PostgreSQL deadlock) or the connection
        to PostgreSQL was lost (for about 10 s: a restarting server)."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write(lock=lock) as conn:
                    return fn(conn)
            except (OperationalError, DBAPIError) as exc:
                if attempt == attempts or not _transient(exc):
                    raise
                time.sleep(min(0.1 * 2**attempt, 3.0))
        raise AssertionError("unreachable")

    def insert_ignore(self, table: Any) -> Any:
        """INSERT into `table` that skips rows clashing with a unique constraint."""
        if self.dialect == "postgresql":
            return postgresql.insert(table).on_conflict_do_nothing()
        if self.dialect == "sqlite":
            return sqlite.insert(table).on_conflict_do_nothing()
        raise StoreError(f"unsupported database {self.dialect!r} (use SQLite or PostgreSQL)")

    # ---- schema --------------------------------------------------------------------------------
    def upgrade(self) -> None:
        """Run the Alembic migrations up to head (a no-op, without taking a lock, when at head)."""
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        heads = self.heads()
        with importlib.resources.as_file(importlib.resources.files(__package__) / "migrations") as where:
            cfg = _alembic_config(where)
            with self.read() as conn:
                if set(MigrationContext.configure(conn).get_current_heads()) == heads:
                    return
            with self.write(lock=MIGRATE_LOCK) as conn:  # a second process waits here, then finds head
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "heads")

    @staticmethod
    def heads() -> set[str]:
        """The newest revision of each branch of the migrations: what `upgrade` brings a database to."""
        from alembic.script import ScriptDirectory

        with importlib.resources.as_file(importlib.resources.files(__package__) / "migrations") as where:
            return set(ScriptDirectory.from_config(_alembic_config(where)).get_heads())

    def revision(self) -> set[str]:
        """The Alembic revisions the database is at."""
        from alembic.runtime.migration import MigrationContext

        with self.read() as conn:
            return set(MigrationContext.configure(conn).get_current_heads())


def _alembic_config(where: Path) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(where))
    return cfg


def _hint(url: str) -> str:
    """Why SQLite says "unable to open database file" when the folder cannot be written (its WAL
    and shared-memory files live beside the database)."""
    import os

    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return ""
    folder = Path(parsed.database).expanduser().parent
    if folder.is_dir() and not os.access(folder, os.W_OK):
        return f" (its folder {folder} is read-only)"
    return ""


def is_fault(exc: BaseException) -> bool:
    """Whether `exc` is the database failing (disk full, read-only, locked, connection lost, an I/O
    error), not one statement's data: a fault ends the work, a data error only sets an article aside."""
    if isinstance(exc, (OperationalError, sa.exc.InterfaceError, OSError)):
        return True
    if isinstance(exc, DBAPIError) and getattr(exc, "connection_invalidated", False):
        return True
    orig = getattr(exc, "orig", None)
    state = str(getattr(orig, "sqlstate", "") or "")
    # PostgreSQL: connection (08), resources such as disk full (53), shutdown (57), I/O (58), and a
    # read-only transaction (25006): none of them is an article's fault
    if state[:2] in ("08", "53", "57", "58") or state == "25006":
        return True
    return any(word in str(orig).lower() for word in ("read-only", "readonly", "disk is full", "disk i/o"))


def fault_message(exc: BaseException, url: str) -> str:
    """One sentence for a user about a database fault: what happened and what to do."""
    orig = getattr(exc, "orig", None) or exc
    text = str(orig).lower()
    if "disk is full" in text or "no space left" in text or getattr(orig, "errno", None) == 28:
        return f"the disk holding the database {url} is full: free some space and run again (finished batches are kept)"
    if "readonly" in text or "read-only" in text or getattr(orig, "errno", None) == 30:
        return f"the database {url} is read-only: it cannot be written to (check the file, its folder and the mount)"
    if "locked" in text or "busy" in text:
        return (f"the database {url} is locked by another process that held it over {BUSY_TIMEOUT_S} s: "
                "run again once it is done")
    if url.startswith("postgresql") and isinstance(exc, (OperationalError, sa.exc.InterfaceError)):
        first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
        return (f"lost the connection to PostgreSQL at {url} ({first}): "
                "run again once the server is back (finished batches are kept)")
    if "disk i/o" in text or "malformed" in text or "not a database" in text:
        return f"the database {url} cannot be read or written ({str(orig).strip()}): check the disk and the file"
    first = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    return f"the database {url} failed: {first}"


def _transient(exc: DBAPIError) -> bool:
    orig = getattr(exc, "orig", None)
    if getattr(orig, "sqlstate", None) in _RETRY_SQLSTATES:
        return True
    # The connection to PostgreSQL was lost (the server restarted, a network blip): the pool drops
    # it and the transaction runs again on a new one. Safe: every transaction here is idempotent
    # (ON CONFLICT DO NOTHING, and a save re-checks what is still pending under its lock).
    if exc.connection_invalidated or str(getattr(orig, "sqlstate", "") or "").startswith(("08", "57P")):
        return True
    return "database is locked" in str(orig) or "database is busy" in str(orig)


def _wal(cur: Any) -> None:
    """Switch a new database file to WAL. SQLite answers "database is locked" at once, without its busy
    handler, while another process holds the file in the old journal mode (two processes opening and
    migrating a brand-new database together), so wait for it here, as busy_timeout would."""
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            cur.execute("PRAGMA journal_mode=WAL")
            return
        except Exception as exc:  # sqlite3.OperationalError, without importing the driver here
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _create_engine(url: str) -> Engine:
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    if parsed.get_backend_name() == "postgresql":
        return sa.create_engine(parsed, pool_pre_ping=True)
    raise StoreError(f"unsupported database URL {parsed.render_as_string(hide_password=True)} "
                     "(use a file path, sqlite:///PATH or postgresql://...)")


def _sqlite_engine(url: sa.URL) -> Engine:
    memory = url.database in (None, "", ":memory:")
    if not memory and url.database:
        parent = Path(url.database).expanduser().parent
        if not parent.is_dir():
            raise StoreError(f"cannot open database {url}: folder {parent} does not exist")
    kwargs: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}}
    if memory:  # one shared connection, or each connection would see its own empty database
        kwargs["poolclass"] = StaticPool
    engine = sa.create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # We issue BEGIN ourselves (below): pysqlite's own transaction handling would defer it
        # past the first SELECT, and a write transaction must hold its lock from the start.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
        if not memory:
            _wal(cur)
            cur.execute("PRAGMA synchronous=NORMAL")  # with WAL: a power cut may lose the last commit, never consistency
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        immediate = conn.get_execution_options().get("sqlite_immediate", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine
