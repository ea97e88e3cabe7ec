"""Slack settings from the environment, checked up front with one-line errors.

A missing or malformed token should read like a setup step, naming the
variable to set, never like a traceback from deep inside a library.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

BOT_TOKEN = "MOCKBOT_SLACK_BOT_TOKEN"
SIGNING_SECRET = "MOCKBOT_SLACK_SIGNING_SECRET"
APP_TOKEN = "MOCKBOT_SLACK_APP_TOKEN"
API_URL = "MOCKBOT_SLACK_API_URL"
CLIENT_ID = "MOCKBOT_SLACK_CLIENT_ID"
CLIENT_SECRET = "MOCKBOT_SLACK_CLIENT_SECRET"
# Exactly what slack-manifest.yml asks for; an OAuth install requests the same.
BOT_SCOPES = (
    "commands",
    "chat:write",
    "im:history",
    "im:write",
    "channels:history",
    "groups:history",
)


class SlackSetupError(Exception):
    """A setup problem, worded for the person running `mockbot slack`."""


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str | None
    signing_secret: str | None
    app_token: str | None
    api_url: str | None
    client_id: str | None
    client_secret: str | None

    @property
    def oauth(self) -> bool:
        return bool(self.client_id)


def read_settings(env: Mapping[str, str] = os.environ, *, http: bool) -> SlackSettings:
    def get(name: str) -> str | None:
        value = env.get(name, "").strip()
        return value or None

    s = SlackSettings(
        get(BOT_TOKEN),
        get(SIGNING_SECRET),
        get(APP_TOKEN),
        get(API_URL),
        get(CLIENT_ID),
        get(CLIENT_SECRET),
    )
    if s.oauth:
        if not s.client_secret:
            raise SlackSetupError(f"{CLIENT_SECRET} is not set (needed with {CLIENT_ID})")
        if not http:
            raise SlackSetupError(
                f"multi-workspace install ({CLIENT_ID}) needs HTTP mode: mockbot slack --http"
            )
    elif not s.bot_token:
        raise SlackSetupError(
            f"{BOT_TOKEN} is not set: copy the Bot User OAuth Token (xoxb-...) from your "
            "app's OAuth & Permissions page"
        )
    elif not s.bot_token.startswith("xoxb-"):
        raise SlackSetupError(f"{BOT_TOKEN} should be a bot token starting with xoxb-")
    if http and not s.signing_secret:
        raise SlackSetupError(
            f"{SIGNING_SECRET} is not set: copy the Signing Secret from your app's "
            "Basic Information page (HTTP mode checks every request with it)"
        )
    if not http:
        if not s.app_token:
            raise SlackSetupError(
                f"{APP_TOKEN} is not set: create an app-level token with the "
                "connections:write scope (Basic Information > App-Level Tokens) for Socket "
                "Mode, or run `mockbot slack --http`"
            )
        if not s.app_token.startswith("xapp-"):
            raise SlackSetupError(f"{APP_TOKEN} should be an app-level token starting with xapp-")
    return s
