"""Setting up: the manifest asks for exactly what the app uses; bad setup reads as one line."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
import sqlalchemy
import yaml
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from typer.testing import CliRunner

from bot.adapters.slack import bridge
from bot.adapters.slack.settings import BOT_SCOPES, SlackSetupError, read_settings
from bot.cli import app
from tests.adapters.slack.stub_api import StubSlackApi

ROOT = Path(__file__).resolve().parents[3]
runner = CliRunner()


def test_the_manifest_asks_for_exactly_what_the_app_uses() -> None:
    manifest = yaml.safe_load((ROOT / "slack-manifest.yml").read_text())
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == sorted(BOT_SCOPES)
    events = manifest["settings"]["event_subscriptions"]["bot_events"]
    assert set(events) == {"app_home_opened", "message.im", "message.channels", "message.groups"}
    assert [c["command"] for c in manifest["features"]["slash_commands"]] == ["/mock"]
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    # The Web API methods the adapter calls, and the scope each needs (views.* need none).
    source = inspect.getsource(bridge) + (ROOT / "bot/adapters/slack/delivery.py").read_text()
    needs = {
        "chat_postMessage": "chat:write",
        "chat_update": "chat:write",
        "chat_delete": "chat:write",
        "chat_postEphemeral": "chat:write",
        "conversations_open": "im:write",
        "views_open": None,
        "views_publish": None,
    }
    called = set(re.findall(r"\b(chat_\w+|conversations_\w+|views_\w+|users_\w+)\b", source))
    assert called <= set(needs), called - set(needs)
    assert {needs[m] for m in called} - {None} <= set(BOT_SCOPES)


@pytest.mark.parametrize(
    ("env", "http", "words"),
    [
        ({}, False, "MOCKBOT_SLACK_BOT_TOKEN is not set"),
        ({"MOCKBOT_SLACK_BOT_TOKEN": "xoxp-user"}, False, "starting with xoxb-"),
        ({"MOCKBOT_SLACK_BOT_TOKEN": "xoxb-1"}, False, "MOCKBOT_SLACK_APP_TOKEN is not set"),
        (
            {"MOCKBOT_SLACK_BOT_TOKEN": "xoxb-1", "MOCKBOT_SLACK_APP_TOKEN": "xoxb-2"},
            False,
            "starting with xapp-",
        ),
        ({"MOCKBOT_SLACK_BOT_TOKEN": "xoxb-1"}, True, "MOCKBOT_SLACK_SIGNING_SECRET is not set"),
        ({"MOCKBOT_SLACK_CLIENT_ID": "1.2"}, True, "MOCKBOT_SLACK_CLIENT_SECRET is not set"),
    ],
)
def test_settings_errors_name_the_variable(env: dict[str, str], http: bool, words: str) -> None:
    with pytest.raises(SlackSetupError, match=words):
        read_settings(env, http=http)


def test_a_wrong_token_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = StubSlackApi()
    try:
        monkeypatch.setenv("MOCKBOT_SLACK_BOT_TOKEN", "xoxb-revoked")
        monkeypatch.setenv("MOCKBOT_SLACK_SIGNING_SECRET", "secret")
        monkeypatch.setenv("MOCKBOT_SLACK_API_URL", stub.url)
        monkeypatch.setenv("MOCKBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
        result = runner.invoke(app, ["slack", "--http", "--port", "0"])
    finally:
        stub.close()
    assert result.exit_code == 2
    assert "MOCKBOT_SLACK_BOT_TOKEN was refused by Slack (invalid_auth)" in result.output
    assert "Traceback" not in result.output


def test_a_missing_token_exits_with_the_variable_named(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MOCKBOT_SLACK_BOT_TOKEN", "MOCKBOT_SLACK_APP_TOKEN", "MOCKBOT_SLACK_CLIENT_ID"):
        monkeypatch.delenv(name, raising=False)
    result = runner.invoke(app, ["slack"])
    assert result.exit_code == 2 and "MOCKBOT_SLACK_BOT_TOKEN is not set" in result.output


def test_the_migration_builds_slack_sdks_tables_column_for_column(
    db_engine: sqlalchemy.Engine,
) -> None:
    inspector = sqlalchemy.inspect(db_engine)
    expected = SQLAlchemyInstallationStore("x", db_engine)
    states = SQLAlchemyOAuthStateStore(60, db_engine)
    for table in (expected.installations, expected.bots, states.oauth_states):
        columns = {c["name"] for c in inspector.get_columns(table.name)}
        assert columns == {c.name for c in table.columns}, table.name


def test_a_refused_app_token_in_socket_mode_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stub = StubSlackApi()
    stub.fail("apps.connections.open", error="invalid_auth")
    try:
        monkeypatch.setenv("MOCKBOT_SLACK_BOT_TOKEN", "xoxb-test")
        monkeypatch.setenv("MOCKBOT_SLACK_APP_TOKEN", "xapp-revoked")
        monkeypatch.setenv("MOCKBOT_SLACK_API_URL", stub.url)
        monkeypatch.setenv("MOCKBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
        result = runner.invoke(app, ["slack"])
    finally:
        stub.close()
    assert result.exit_code == 2
    assert "MOCKBOT_SLACK_APP_TOKEN was refused by Slack (invalid_auth)" in result.output


def test_a_busy_port_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    stub = StubSlackApi()
    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        monkeypatch.setenv("MOCKBOT_SLACK_BOT_TOKEN", "xoxb-test")
        monkeypatch.setenv("MOCKBOT_SLACK_SIGNING_SECRET", "secret")
        monkeypatch.setenv("MOCKBOT_SLACK_API_URL", stub.url)
        monkeypatch.setenv("MOCKBOT_DATABASE_URL", f"sqlite:///{tmp_path / 'm.db'}")
        port = str(taken.getsockname()[1])
        result = runner.invoke(app, ["slack", "--http", "--host", "127.0.0.1", "--port", port])
    finally:
        taken.close()
        stub.close()
    assert result.exit_code == 2 and f"cannot listen on 127.0.0.1:{port}" in result.output
    assert "Traceback" not in result.output
