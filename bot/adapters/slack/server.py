"""HTTP mode: Slack's requests on `POST /slack/events`, served by a threaded WSGI server.

slack_bolt's WSGI adapter does the Slack part (signature checks, routing,
OAuth pages); the standard library's server runs it, one thread a request,
which is plenty when every listener only acks and queues. Bodies over 1 MB
are refused before they are read: Slack never sends one.
"""

from __future__ import annotations

from collections.abc import Iterable
from socketserver import ThreadingMixIn
from typing import TYPE_CHECKING, Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler

if TYPE_CHECKING:
    from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

MAX_BODY_BYTES = 1024 * 1024
PATH = "/slack/events"


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass  # one line per Slack request is noise; errors still reach the log


def _limit_body(app: WSGIApplication) -> WSGIApplication:
    def wrapped(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = MAX_BODY_BYTES + 1
        if length > MAX_BODY_BYTES:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"request body too large"]
        return app(environ, start_response)

    return wrapped


def make_http_server(app: App, host: str, port: int) -> WSGIServer:
    """A server for `app`; `port=0` picks a free port (read it from `server_port`)."""
    handler = SlackRequestHandler(app, path=PATH)
    return make_server(
        host, port, _limit_body(handler), server_class=_ThreadingServer, handler_class=_QuietHandler
    )
