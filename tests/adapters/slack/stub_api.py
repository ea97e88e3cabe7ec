"""A local Slack Web API: records every call and answers like Slack does.

Speaks the real wire format (form or JSON bodies, bearer tokens, `ok`/`error`
envelopes, HTTP 429 with Retry-After), so the real slack_sdk WebClient and its
retry handlers run against it unchanged.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs


@dataclass
class Call:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: int | None = None
    times: int = 1


@dataclass
class StubSlackApi:
    teams: dict[str, str] = field(default_factory=lambda: {"xoxb-test": "T0001"})
    calls: list[Call] = field(default_factory=list)
    failures: dict[str, list[Failure]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        self._ts = itertools.count(1)
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                stub._handle(self)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/api/"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    # ------------------------------------------------------------ scripting
    def fail(self, method: str, **kw: Any) -> None:
        self.failures.setdefault(method, []).append(Failure(**kw))

    def of(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def posts(self) -> list[Call]:
        return self.of("chat.postMessage")

    def texts(self, method: str = "chat.postMessage") -> list[str]:
        return [json.dumps(c.args.get("blocks") or c.args.get("text")) for c in self.of(method)]

    def clear(self) -> None:
        with self.lock:
            self.calls.clear()

    # ------------------------------------------------------------ serving
    def _handle(self, req: BaseHTTPRequestHandler) -> None:
        method = req.path.rsplit("/", 1)[-1]
        raw = req.rfile.read(int(req.headers.get("Content-Length") or 0)).decode()
        if "json" in (req.headers.get("Content-Type") or ""):
            args = json.loads(raw or "{}")
        else:
            args = {k: v[0] for k, v in parse_qs(raw).items()}
            for key in ("blocks", "view"):
                if isinstance(args.get(key), str) and args[key][:1] in "[{":
                    args[key] = json.loads(args[key])
        auth = req.headers.get("Authorization") or ""
        token = auth.removeprefix("Bearer ") or args.get("token")
        with self.lock:
            self.calls.append(Call(method, args, token, time.monotonic()))
            queue = self.failures.get(method) or []
            failure = queue[0] if queue else None
            if failure is not None:
                failure.times -= 1
                if failure.times <= 0:
                    queue.pop(0)
        if failure is not None and failure.status != 200:
            headers = {"Retry-After": str(failure.retry_after)} if failure.retry_after else {}
            self._send(
                req, failure.status, {"ok": False, "error": failure.error or "ratelimited"}, headers
            )
            return
        if failure is not None:
            self._send(req, 200, {"ok": False, "error": failure.error})
            return
        self._send(req, 200, self._answer(method, args, token))

    def _answer(self, method: str, args: dict[str, Any], token: str | None) -> dict[str, Any]:
        if method == "respond":  # a slash command's response_url: no token, just a post
            return {"ok": True}
        team = self.teams.get(token or "")
        if method == "auth.test":
            if team is None:
                return {"ok": False, "error": "invalid_auth"}
            return {
                "ok": True,
                "url": "https://example.slack.com/",
                "team": "Example",
                "user": "mockbot",
                "team_id": team,
                "user_id": "UBOT",
                "bot_id": "BBOT",
            }
        if team is None:
            return {"ok": False, "error": "invalid_auth"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(args.get("users", "X"))}}
        if method in ("chat.postMessage", "chat.update"):
            ts = args.get("ts") or f"1700000{next(self._ts):03d}.000100"
            return {"ok": True, "channel": args.get("channel"), "ts": ts}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": f"1700001{next(self._ts):03d}.000100"}
        if method in ("views.open", "views.publish"):
            return {"ok": True, "view": {"id": "V123", **(args.get("view") or {})}}
        return {"ok": True}

    @staticmethod
    def _send(
        req: BaseHTTPRequestHandler,
        status: int,
        body: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> None:
        data = json.dumps(body).encode()
        req.send_response(status)
        req.send_header("Content-Type", "application/json; charset=utf-8")
        req.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            req.send_header(k, v)
        req.end_headers()
        req.wfile.write(data)
