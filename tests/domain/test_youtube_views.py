"""Recording views from the YouTube Data API v3, against a real HTTP server on 127.0.0.1
serving the documented videos.list response shapes and errors."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest
from sqlmodel import select

from dashboard.connectors.youtube import fetch_view_counts
from dashboard.domain.auth import SYSTEM
from dashboard.domain.events.recordings import sync_youtube_views
from dashboard.models import RecordingViews, SyncRun
from tests import factories as f

NOW = f.utc(2026, 11, 26, 12, 0)


class FakeYouTube:
    """A local server: ``views`` per video id; ``mode`` 'ok', 'quota' or 'error'."""

    def __init__(self):
        self.views: dict[str, int] = {}
        self.mode = "ok"
        self.requests: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                query = parse_qs(urlparse(self.path).query)
                owner.requests.append(query)
                if owner.mode == "quota":
                    body = {"error": {"code": 403, "message": "The request cannot be completed "
                            "because you have exceeded your quota.",
                            "errors": [{"message": "quota", "domain": "youtube.quota",
                                        "reason": "quotaExceeded"}]}}
                    return self._send(403, body)
                if owner.mode == "error":
                    return self._send(500, {"error": {"code": 500, "errors": [
                        {"reason": "backendError"}]}})
                if query.get("key") != ["test-key"]:
                    return self._send(400, {"error": {"code": 400, "errors": [
                        {"reason": "keyInvalid"}]}})
                ids = query["id"][0].split(",")
                items = [{"kind": "youtube#video", "etag": "x", "id": v,
                          "statistics": {"viewCount": str(owner.views[v]), "likeCount": "3",
                                         "favoriteCount": "0", "commentCount": "1"}}
                         for v in ids if v in owner.views]
                self._send(200, {"kind": "youtube#videoListResponse", "etag": "y",
                                 "items": items,
                                 "pageInfo": {"totalResults": len(items),
                                              "resultsPerPage": len(items)}})

            def _send(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/youtube/v3"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def fetch(self, ids, key):
        return fetch_view_counts(ids, key, url=self.url)


@pytest.fixture
def youtube():
    fake = FakeYouTube()
    fake.thread.start()
    yield fake
    fake.server.shutdown()
    fake.server.server_close()


def recorded(session, video: str, *readings):
    e = f.event(session, f.utc(2025, 1, 1, 12))
    e.youtube_video_id = video
    f.views(session, e, *readings)
    return e


def test_batches_of_fifty(youtube):
    youtube.views = {f"v{n:03d}": n for n in range(120)}
    result = fetch_view_counts(list(youtube.views), "test-key", url=youtube.url)
    assert len(youtube.requests) == 3
    assert [len(q["id"][0].split(",")) for q in youtube.requests] == [50, 50, 20]
    assert all(q["part"] == ["statistics"] for q in youtube.requests)
    assert result.counts == youtube.views and result.missing == [] and result.error is None


def test_new_readings_with_time_and_counts(session, youtube):
    first = recorded(session, "aaa", (f.utc(2026, 1, 1), 100))
    same = recorded(session, "bbb", (f.utc(2026, 1, 1), 50))
    new = recorded(session, "ccc")
    youtube.views = {"aaa": 150, "bbb": 50, "ccc": 7}
    result = sync_youtube_views(session, SYSTEM, NOW, "test-key", fetch=youtube.fetch)
    assert (result.status, result.added, result.updated, result.unchanged) == (
        "succeeded", 1, 1, 1)
    latest = session.exec(select(RecordingViews).where(RecordingViews.read_at == NOW)
                          .order_by(RecordingViews.event_id)).all()
    assert [(r.event_id, r.view_count) for r in latest] == [(first.id, 150), (same.id, 50),
                                                            (new.id, 7)]
    run = session.exec(select(SyncRun)).one()
    assert (run.status, run.added, run.updated, run.unchanged) == ("succeeded", 1, 1, 1)


def test_a_gone_video_keeps_its_last_count(session, youtube):
    gone = recorded(session, "gone1", (f.utc(2026, 1, 1), 80))
    youtube.views = {}
    result = sync_youtube_views(session, SYSTEM, NOW, "test-key", fetch=youtube.fetch)
    assert "gone1" in result.message and "gone or private" in result.message
    readings = session.exec(select(RecordingViews).where(RecordingViews.event_id == gone.id)).all()
    assert [r.view_count for r in readings] == [80]


def test_quota_exceeded_is_recorded_and_nothing_is_overwritten(session, youtube):
    e = recorded(session, "aaa", (f.utc(2026, 1, 1), 100))
    youtube.mode = "quota"
    result = sync_youtube_views(session, SYSTEM, NOW, "test-key", fetch=youtube.fetch)
    assert result.status == "failed" and "quotaExceeded" in result.message
    assert len(session.exec(select(RecordingViews).where(
        RecordingViews.event_id == e.id)).all()) == 1
    assert session.exec(select(SyncRun)).one().status == "failed"


def test_server_error_and_network_error(session, youtube):
    recorded(session, "aaa", (f.utc(2026, 1, 1), 100))
    youtube.mode = "error"
    assert "HTTP 500 backendError" in sync_youtube_views(
        session, SYSTEM, NOW, "test-key", fetch=youtube.fetch).message
    # Nothing listening: a network error, recorded, not raised.
    closed = fetch_view_counts(["aaa"], "test-key", url="http://127.0.0.1:9/youtube/v3")
    assert closed.error.startswith("network error") and closed.counts == {}


def test_missing_key_is_a_failed_run(session):
    recorded(session, "aaa", (f.utc(2026, 1, 1), 100))
    result = sync_youtube_views(session, SYSTEM, NOW, None)
    assert result.status == "failed" and "YOUTUBE_API_KEY" in result.message
    assert session.exec(select(SyncRun)).one().message == result.message
