"""The mirror's web server for phones: ``/p/TOKEN`` (the page) and ``/p/TOKEN/photo.jpg``, nothing else.

``answer`` decides every response from the request alone (pure apart from the shelf and the
limiter, so tests call it directly); ``share_app`` makes it a WSGI application; ``PhotoServer``
runs it in waitress on the listener opened before the privacy lock. waitress runs in its own
threads, so neither the UI thread nor the tracking thread ever serves a phone; its limits keep
each request small and its buffers in memory (a photo never spills into a temporary file).
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs
from wsgiref.types import StartResponse, WSGIApplication, WSGIEnvironment

from ..domain import Language
from .address import Listener
from .limiter import ClientLimiter
from .page import SAVE_NAME, expired_page, photo_page, short_page
from .shelf import Missing, PhotoShelf, SharedPhoto

log = logging.getLogger(__name__)

PAGE = re.compile(r"/p/(?P<token>[A-Za-z0-9_-]{32})")
PHOTO = re.compile(r"/p/(?P<token>[A-Za-z0-9_-]{32})/photo\.jpg")
MAX_QUERY = 256  # characters; the pages only ever ask ?lang=xx and ?save=1

# Every answer: never cached or framed, no address leaked to the shop's order pages, no script.
SECURITY_HEADERS = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
    (
        "Content-Security-Policy",
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; base-uri 'none'; "
        "form-action 'none'; frame-ancestors 'none'",
    ),
)
HTML = "text/html; charset=utf-8"

# waitress, as the mirror runs it (docs/photo-sharing.md explains each bound).
SERVER_LIMITS: dict[str, Any] = {
    "threads": 2,  # request workers; they only copy prepared bytes, so two keep up with a crowd
    "connection_limit": 40,  # open connections at once; more wait in the kernel's backlog
    "channel_timeout": 20,  # seconds an idle connection may stay open (slow-loris)
    "cleanup_interval": 5,
    "max_request_header_size": 8192,  # bytes of request line and headers
    "max_request_body_size": 1024,  # bytes; the pages send no bodies
    "outbuf_overflow": 64 * 1024 * 1024,  # answers stay in memory: a photo never goes to a temp file
    "expose_tracebacks": False,
    "ident": "mirror",
    "asyncore_use_poll": True,
}


@dataclass(frozen=True)
class Answer:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes


def _html(status: str, page: str, *extra: tuple[str, str]) -> Answer:
    return Answer(status, (("Content-Type", HTML), *extra), page.encode("utf-8"))


def answer(shelf: PhotoShelf, limiter: ClientLimiter, environ: WSGIEnvironment) -> Answer:
    """The response to one request."""
    client = str(environ.get("REMOTE_ADDR", ""))
    if not limiter.allow(client):
        retry = str(limiter.retry_after(client))
        return _html("429 Too Many Requests", short_page("page_busy"), ("Retry-After", retry))
    method = environ.get("REQUEST_METHOD", "")
    if method not in ("GET", "HEAD"):
        return _html("405 Method Not Allowed", short_page("page_not_here"), ("Allow", "GET, HEAD"))
    query = str(environ.get("QUERY_STRING", ""))
    try:
        if len(query) > MAX_QUERY:
            raise ValueError("query too long")
        args = parse_qs(query, max_num_fields=4)
    except ValueError:
        return _html("400 Bad Request", short_page("page_not_here"))
    path = str(environ.get("PATH_INFO", ""))
    photo_match, page_match = PHOTO.fullmatch(path), PAGE.fullmatch(path)
    match = photo_match or page_match
    if match is None:
        return _html("404 Not Found", expired_page() if path.startswith("/p/") else short_page("page_not_here"))
    token = match["token"]
    found = shelf.look_up(token)
    if isinstance(found, Missing):
        status = "410 Gone" if found is Missing.EXPIRED else "404 Not Found"
        return _html(status, expired_page())
    if photo_match is not None:
        return _jpeg(found, save="save" in args)
    lang = next((Language(v) for v in args.get("lang", []) if v in ("ko", "en")), None)
    return _html("200 OK", photo_page(token, found, lang))


def _jpeg(photo: SharedPhoto, *, save: bool) -> Answer:
    headers: tuple[tuple[str, str], ...] = (("Content-Type", "image/jpeg"),)
    if save:
        headers += (("Content-Disposition", f'attachment; filename="{SAVE_NAME}"'),)
    return Answer("200 OK", headers, photo.jpeg)


def share_app(shelf: PhotoShelf, limiter: ClientLimiter | None = None) -> WSGIApplication:
    """The WSGI application that serves ``shelf``'s photos (and refuses everything else)."""
    limiter = limiter or ClientLimiter()

    def app(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            result = answer(shelf, limiter, environ)
        except Exception:  # a bug here must cost one phone one page, never the mirror
            log.exception("photo share: the page could not be made")
            result = _html("500 Internal Server Error", short_page("page_busy"))
        headers = [*result.headers, ("Content-Length", str(len(result.body))), *SECURITY_HEADERS]
        start_response(result.status, headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else result.body]

    return app


class PhotoServer:
    """waitress serving ``app`` on ``listener``, in threads of its own; ``stop`` closes it all."""

    def __init__(self, listener: Listener, app: WSGIApplication, **limits: Any) -> None:
        self.listener = listener
        self._app = app
        self._limits = {**SERVER_LIMITS, **limits}
        self._server: Any = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return self.listener.base_url

    def start(self) -> None:
        from waitress.server import create_server

        # A crowd of phones queues requests for a moment; that is expected, not worth a warning each.
        logging.getLogger("waitress.queue").setLevel(logging.ERROR)
        self._server = create_server(self._app, sockets=[self.listener.sock], **self._limits)
        self._thread = threading.Thread(target=self._server.run, name="mirror-share-http", daemon=True)
        self._thread.start()
        log.info("photo share: serving phones at %s", self.base_url)

    def stop(self, timeout: float = 5.0) -> None:
        """Close the listener and every connection, and end waitress's threads."""
        server, self._server = self._server, None
        if server is None:
            self.listener.close()
            return
        from waitress import wasyncore

        # The loop thread closes its own sockets (asyncore is not thread-safe), then finds its map empty.
        server.trigger.pull_trigger(lambda: wasyncore.close_all(server._map))
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None
        server.task_dispatcher.shutdown(timeout=timeout)
        self.listener.close()
