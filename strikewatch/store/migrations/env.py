"""Alembic's environment, run by `Store.open` (and by `alembic` itself if pointed here).

`Store.open` hands its own connection in `config.attributes["connection"]`, already inside a
transaction that holds the database's migration lock, so two processes opening a new database at
once do not both create the tables (see database.py).
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from strikewatch.store.schema import metadata

config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    url = config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("no connection and no sqlalchemy.url: open the database with strikewatch.store.Store.open")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


if context.is_offline_mode():
    raise RuntimeError("offline (--sql) migrations are not supported; run them against a database")
run()
