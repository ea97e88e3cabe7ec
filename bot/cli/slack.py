"""`mockbot slack`: the interviewer in a Slack workspace (Socket Mode, or HTTP with --http).

The composition root for Slack: settings, the sandboxed runner (chat users'
code never runs unsandboxed), the engine, the Bolt app, the timer sweep.
Setup problems end in one line naming what to fix, never a traceback.
"""

from __future__ import annotations

import logging
import signal
from datetime import UTC, datetime
from types import FrameType
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

_err = Console(stderr=True)


def _now() -> datetime:
    return datetime.now(UTC)


def _fail(message: str) -> typer.Exit:
    _err.print(Text.assemble(("error:", "red"), f" {message}"), soft_wrap=True)
    return typer.Exit(2)


def slack_command(
    http: Annotated[
        bool, typer.Option("--http", help="Serve HTTP on --port instead of Socket Mode.")
    ] = False,
    port: Annotated[int, typer.Option("--port", help="HTTP port (with --http).")] = 3000,
    host: Annotated[str, typer.Option("--host", help="HTTP address (with --http).")] = "0.0.0.0",
    database_url: Annotated[
        str | None,
        typer.Option(
            "--database-url",
            envvar="MOCKBOT_DATABASE_URL",
            help="SQLAlchemy URL of the session store (default: a local SQLite file).",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", help="Threads handling messages in the background.")
    ] = 8,
) -> None:
    """Run mockbot in Slack. Tokens come from MOCKBOT_SLACK_* variables (see README)."""
    from slack_sdk.errors import SlackApiError

    from bot.adapters.slack.app import build_app
    from bot.adapters.slack.bridge import Sweeper
    from bot.adapters.slack.server import PATH, make_http_server
    from bot.adapters.slack.settings import SlackSetupError, read_settings
    from bot.adapters.work import KeyedExecutor
    from bot.app import build_engine
    from bot.sandbox.policy import choose_runner
    from bot.storage.sql_store import SqlStore

    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    try:
        settings = read_settings(http=http)
    except SlackSetupError as exc:
        raise _fail(str(exc)) from None
    choice = choose_runner(allow_unsafe=False)
    if choice.warning:
        _err.print(Text(choice.warning, style="yellow"))
    try:
        engine = build_engine(choice.runner, database_url=database_url)
    except Exception as exc:
        raise _fail(f"cannot start the engine: {exc}") from None
    store = engine.store
    database = store.engine if isinstance(store, SqlStore) else None
    work = KeyedExecutor(max(1, workers), "mockbot-slack")
    try:
        slack = build_app(engine, settings, _now, work, database)
    except SlackSetupError as exc:
        raise _fail(str(exc)) from None
    sweeper = Sweeper(slack.bridge)
    slack.bridge.deliver_resumed(engine.resume_by_tenant(_now(), "slack"))
    sweeper.start()

    def stop(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    handler = None
    try:
        if http:
            try:
                server = make_http_server(slack.app, host, port)
            except OSError as exc:
                raise _fail(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
            _err.print(f"mockbot: Slack HTTP mode on http://{host}:{server.server_port}{PATH}")
            try:
                server.serve_forever()
            finally:
                server.server_close()
        else:
            from slack_bolt.adapter.socket_mode import SocketModeHandler

            _err.print("mockbot: Slack Socket Mode; press Ctrl-C to stop")
            handler = SocketModeHandler(slack.app, settings.app_token)
            try:
                handler.start()  # type: ignore[no-untyped-call]
            except SlackApiError as exc:
                error = exc.response.get("error", "refused")
                raise _fail(f"MOCKBOT_SLACK_APP_TOKEN was refused by Slack ({error})") from None
    except KeyboardInterrupt:
        pass
    finally:
        if handler is not None:
            handler.close()  # type: ignore[no-untyped-call]
        sweeper.stop()
        slack.bridge.wait_idle(30)
        paused = engine.suspend(_now(), "slack")
        _err.print(f"mockbot: stopped; {paused} running round(s) paused until the next start")
