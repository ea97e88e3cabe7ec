"""The Bolt app: settings in, listeners wired to the bridge, one app for both modes.

Socket Mode and HTTP mode share this `App`; only how requests arrive differs
(`server.py` for HTTP, slack_bolt's SocketModeHandler for Socket Mode). With a
client id set, the app installs into many workspaces through OAuth and keeps
installations in slack_sdk's SQLAlchemy store, on the bot's own database.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import sqlalchemy
from slack_bolt import App
from slack_bolt.error import BoltError
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.errors import SlackApiError
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

from bot.adapters.slack import settings as env
from bot.adapters.slack.bridge import Clock, SlackBridge
from bot.adapters.slack.clients import Clients, web_client
from bot.adapters.slack.settings import BOT_SCOPES, SlackSettings, SlackSetupError
from bot.adapters.slack.translate import LONG_ANSWER, REFERENCE
from bot.adapters.work import KeyedExecutor
from bot.engine.engine import Engine

ROUND_ACTION_IDS = re.compile(r"^mock_(hint|submit|skip|end)$")
OAUTH_STATE_SECONDS = 600


@dataclass
class SlackApp:
    app: App
    bridge: SlackBridge


def build_app(
    engine: Engine,
    settings: SlackSettings,
    now: Clock,
    work: KeyedExecutor,
    database: sqlalchemy.Engine | None = None,
    verify_token: bool = True,
) -> SlackApp:
    """The Bolt app for `engine`; raises SlackSetupError with a one-line reason."""
    client = web_client(settings.bot_token, settings.api_url)
    installations = None
    oauth = None
    if settings.oauth:
        if database is None:
            raise SlackSetupError("multi-workspace install needs the bot's database")
        assert settings.client_id and settings.client_secret
        installations = SQLAlchemyInstallationStore(settings.client_id, database)
        oauth = OAuthSettings(
            client_id=settings.client_id,
            client_secret=settings.client_secret,
            scopes=list(BOT_SCOPES),
            installation_store=installations,
            state_store=SQLAlchemyOAuthStateStore(OAUTH_STATE_SECONDS, database),
        )
    try:
        app = App(
            client=client,
            signing_secret=settings.signing_secret,
            oauth_settings=oauth,
            # Listeners only ack and queue work, so they return at once; this keeps
            # the HTTP response and the listener in one thread, in order.
            process_before_response=True,
            token_verification_enabled=verify_token and not settings.oauth,
            request_verification_enabled=settings.signing_secret is not None,
        )
    except BoltError as exc:
        raise SlackSetupError(_token_error(exc)) from None
    except SlackApiError as exc:
        raise SlackSetupError(_token_error(exc)) from None
    except (OSError, ValueError) as exc:  # URLError and friends: Slack not reachable
        where = settings.api_url or "slack.com"
        raise SlackSetupError(f"cannot reach the Slack Web API at {where}: {exc}") from None
    bridge = SlackBridge(engine, Clients(client, installations, settings.api_url), now, work)
    app.command("/mock")(bridge.on_command)
    app.event("message")(bridge.on_message)
    app.event("app_home_opened")(bridge.on_home_opened)
    app.action(ROUND_ACTION_IDS)(bridge.on_round_action)
    app.action(LONG_ANSWER)(bridge.on_long_answer)
    app.action(REFERENCE)(bridge.on_reference)
    app.view(LONG_ANSWER)(bridge.on_view_submission)
    return SlackApp(app, bridge)


def _token_error(exc: Exception) -> str:
    text = str(exc)
    if "invalid_auth" in text or "not_authed" in text or "account_inactive" in text:
        return f"{env.BOT_TOKEN} was refused by Slack ({_reason(text)}): check the token"
    return f"could not start the Slack app: {_reason(text)}"


def _reason(text: str) -> str:
    match = re.search(r"'error': '([a-z_]+)'", text)
    return match.group(1) if match else text.splitlines()[0][:200]
