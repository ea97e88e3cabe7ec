"""The real sandbox for these suites, or a skip that says why (a failure in CI).

`.ci/run` sets MOCKBOT_REQUIRE_SANDBOX=1: on CI a missing sandbox is a red
build, never a quiet skip. On a laptop without bubblewrap the suites skip.
"""

from __future__ import annotations

import os

import pytest

from bot.sandbox.bwrap import Sandbox, SandboxUnavailable, find


@pytest.fixture(scope="session")
def sandbox() -> Sandbox:
    try:
        return find()
    except SandboxUnavailable as exc:
        if os.environ.get("MOCKBOT_REQUIRE_SANDBOX") == "1":
            pytest.fail(f"the sandbox is required here but unavailable: {exc}")
        pytest.skip(f"no sandbox on this machine: {exc}")
