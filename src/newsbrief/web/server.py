"""How `newsbrief serve` runs the app: uvicorn's h11 server, with a deadline on request headers, and the
access log on stderr.

uvicorn waits for a request's headers for as long as the client keeps sending bytes, so a few hundred clients
sending one byte at a time hold a few hundred connections open (400 of them stayed open for 60 s). Here a
connection that has not sent a whole request head within ``Settings.header_timeout`` seconds of opening (or of
its last answer) gets 408 and is closed. The body has its deadline in the app (`newsbrief.web.app.BodyLimit`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sys
from typing import Any

import h11
import uvicorn
from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from newsbrief.web.app import access_log

_TOO_SLOW = b"HTTP/1.1 408 Request Timeout\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"


class HeaderDeadline(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request head is not in after ``header_seconds``."""

    def __init__(self, *args: Any, header_seconds: float, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.header_seconds = header_seconds
        self.header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm()  # the next request on a kept-alive connection has its own deadline

    def connection_lost(self, exc: Exception | None) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
        super().connection_lost(exc)

    def _arm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
        self.header_timer = self.loop.call_later(self.header_seconds, self._expire)

    def _expire(self) -> None:
        waiting_for_head = self.conn.their_state is h11.IDLE and self.conn.our_state is h11.IDLE
        if waiting_for_head and not self.transport.is_closing():
            self.transport.write(_TOO_SLOW)
            self.transport.close()


def run(app: FastAPI, host: str, port: int, *, quiet: bool = False) -> None:
    """Serve ``app`` (made by `newsbrief.web.app.create_app`) until interrupted, one access-log line per request
    on stderr unless ``quiet``."""
    if not quiet:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%Y-%m-%dT%H:%M:%S"))
        access_log.addHandler(handler)
        access_log.setLevel(logging.INFO)
    protocol = functools.partial(HeaderDeadline, header_seconds=app.state.settings.header_timeout)
    uvicorn.run(app, host=host, port=port, http=protocol, log_level="warning", timeout_graceful_shutdown=5)
