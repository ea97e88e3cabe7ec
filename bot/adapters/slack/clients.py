"""Web API clients: one per workspace, all pointed at the same base URL with retries.

slack_sdk's default retry handlers cover connection errors only; a 429 must be
retried after its Retry-After, and a 5xx once more, or a busy workspace drops
replies. `MOCKBOT_SLACK_API_URL` points every client elsewhere (a proxy, tests).
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.oauth.installation_store import InstallationStore

from bot.adapters.slack.translate import split_workspace
from bot.engine.messages import Tenant

DEFAULT_API_URL = "https://slack.com/api/"


def web_client(token: str | None, api_url: str | None) -> WebClient:
    base = api_url or DEFAULT_API_URL
    return WebClient(
        token=token,
        base_url=base if base.endswith("/") else base + "/",
        timeout=10,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            RateLimitErrorRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=1),
        ],
    )


class Clients:
    """The client for a workspace: the one bot token, or the workspace's installation."""

    def __init__(
        self,
        default: WebClient,
        installations: InstallationStore | None = None,
        api_url: str | None = None,
    ) -> None:
        self.default = default
        self.installations = installations
        self.api_url = api_url

    def for_tenant(self, tenant: Tenant) -> WebClient | None:
        if self.installations is None:
            return self.default
        enterprise, team = split_workspace(tenant.workspace)
        bot = self.installations.find_bot(enterprise_id=enterprise, team_id=team)
        if bot is None or not bot.bot_token:
            return None
        return web_client(bot.bot_token, self.api_url)
