"""Alembic environment for mockbot.

The URL comes from the caller (`config.attributes["connection"]` or `["url"]`,
as `bot.storage.db.upgrade` and the tests pass them) or else from
`bot.storage.db.default_url()`, never from alembic.ini, so the `alembic`
command and the bot always talk to the same database.
"""

from __future__ import annotations

from logging.config import fileConfig
from typing import Any, Literal

from alembic import context
from alembic.autogenerate.api import AutogenContext
from sqlalchemy import Connection

from bot.storage import db
from bot.storage.models import Base, UtcDateTime

config = context.config
if config.config_file_name is not None and "connection" not in config.attributes:
    fileConfig(config.config_file_name, disable_existing_loggers=False)


def _render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Migrations spell plain SQLAlchemy types, so they never import app code."""
    if type_ == "type" and isinstance(obj, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """slack_sdk owns the slack_* tables' shape; a Slack adapter test checks them instead."""
    return not (type_ == "table" and name is not None and name.startswith("slack_"))


def _configure(is_sqlite: bool, **kwargs: Any) -> None:
    context.configure(
        target_metadata=Base.metadata,
        include_name=_include_name,
        compare_type=True,
        render_as_batch=is_sqlite,  # SQLite alters tables by copying them
        render_item=_render_item,
        **kwargs,
    )


def _run_with(connection: Connection) -> None:
    _configure(connection.dialect.name == "sqlite", connection=connection)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = db.normalise_url(config.attributes.get("url") or db.default_url())
    _configure(
        url.startswith("sqlite"),
        url=url,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run_with(connection)
        return
    engine = db.make_engine(config.attributes.get("url"))
    try:
        with db.migration_connection(engine) as conn:
            _run_with(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
