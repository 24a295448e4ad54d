"""A source server on 127.0.0.1 for connector and sync tests: each path answers with what a
test sets (a body, a status, headers, a sequence of answers, a stall, a huge body), and
conditional requests are answered with 304 when the ETag matches."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Answer:
    body: bytes = b""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    stall: bool = False  # never answers until the server stops (a timeout)
    huge: int = 0  # stream this many bytes, without a Content-Length


class LocalSource:
    def __init__(self) -> None:
        self.answers: dict[str, list[Answer]] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self.stopping = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):  # noqa: N802
                path = self.path.split("?", 1)[0]
                owner.requests.append((self.path, dict(self.headers)))
                queue = owner.answers.get(path)
                if not queue:
                    return self._send(Answer(b"not found", 404))
                answer = queue.pop(0) if len(queue) > 1 else queue[0]
                if answer.stall:
                    owner.stopping.wait()
                    return None
                if answer.etag and self.headers.get("If-None-Match") == answer.etag:
                    return self._send(Answer(b"", 304, {"ETag": answer.etag}))
                return self._send(answer)

            def _send(self, answer: Answer):
                self.send_response(answer.status)
                for name, value in answer.headers.items():
                    self.send_header(name, value)
                if answer.etag:
                    self.send_header("ETag", answer.etag)
                if answer.huge:
                    self.send_header("Connection", "close")
                    self.end_headers()
                    chunk = b"x" * 65536
                    try:
                        for _ in range(answer.huge // len(chunk)):
                            self.wfile.write(chunk)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_header("Content-Length", str(len(answer.body)))
                self.end_headers()
                self.wfile.write(answer.body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def serve(self, path: str, *answers: Answer) -> str:
        self.answers[path] = list(answers)
        return self.base + path

    def start(self) -> LocalSource:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        self.server.shutdown()
        self.server.server_close()


def add_calendar_source(engine, name: str, url: str) -> int:
    """A calendar-feed source for ``url``, due at once (the app's runner picks it up)."""
    from sqlmodel import Session

    from dashboard.domain.auth import SYSTEM
    from dashboard.domain.clock import utc_now
    from dashboard.domain.sources.data_sources import SourceDraft, add_source

    with Session(engine) as session:
        source_id = add_source(session, SYSTEM, SourceDraft(
            name=name, kind="ics", schedule_minutes=60, secrets={"url": url}), utc_now())
        session.commit()
    return source_id
