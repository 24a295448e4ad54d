"""Cache-Control for the built frontend the instances serve (dashboard.operations.static_files)."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from dashboard.operations.static_files import cache_headers
from tests.http import TestClient


def client(tmp_path) -> TestClient:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "entry.client-C6W-s5_T.js").write_text("export {};")
    (tmp_path / "members").mkdir()
    (tmp_path / "members" / "index.html").write_text("<!DOCTYPE html><title>Members</title>")
    (tmp_path / "favicon.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")

    def feed(request):
        return PlainTextResponse("BEGIN:VCALENDAR",
                                 headers={"Cache-Control": "public, max-age=300"})

    app = Starlette(routes=[Route("/feed.ics", feed),
                            Mount("/", StaticFiles(directory=tmp_path, html=True))])
    return TestClient(cache_headers(app))


def test_hashed_files_are_kept_and_pages_checked_every_time(tmp_path):
    browser = client(tmp_path)
    script = browser.get("/assets/entry.client-C6W-s5_T.js")
    assert script.headers["cache-control"] == "public, max-age=31536000, immutable"
    page = browser.get("/members/")
    assert page.headers["cache-control"] == "no-cache"
    # Checked again: 304, whose headers (no content type, so no policy of its own) leave the
    # browser's stored "no-cache" as it was.
    again = browser.get("/members/", headers={"If-None-Match": page.headers["etag"]})
    assert again.status_code == 304 and "cache-control" not in again.headers
    script_again = browser.get("/assets/entry.client-C6W-s5_T.js",
                               headers={"If-None-Match": script.headers["etag"]})
    assert script_again.status_code == 304
    assert script_again.headers["cache-control"] == "public, max-age=31536000, immutable"


def test_what_says_how_it_is_cached_keeps_it_and_other_files_are_left_alone(tmp_path):
    browser = client(tmp_path)
    assert browser.get("/feed.ics").headers["cache-control"] == "public, max-age=300"
    assert "cache-control" not in browser.get("/favicon.svg").headers
    missing = browser.get("/assets/gone-0000.js")
    assert missing.status_code == 404 and "cache-control" not in missing.headers
