"""The backend in front of Reflex: our routes see the session cookie, Reflex never does."""

from __future__ import annotations

from starlette.responses import JSONResponse

from dashboard.api import build_api
from dashboard.domain.auth import session_ref
from tests.http import TestClient


def test_reflex_sees_the_sessions_reference_and_our_routes_the_cookie(db):
    seen: dict[str, str] = {}

    async def reflex_backend(scope, receive, send):  # stands in for Reflex's ASGI app
        seen["cookie"] = dict(scope["headers"]).get(b"cookie", b"").decode()
        await JSONResponse({})(scope, receive, send)

    from sqlmodel import Session

    from dashboard.domain.auth import create_user, start_session
    from dashboard.models import Role

    with Session(db) as session:
        token = start_session(session, create_user(
            session, email="m@example.org", display_name="M", role=Role.MEMBER))
        session.commit()
    http = TestClient(build_api()(reflex_backend))
    http.cookies.set("cymuned_session", token)
    http.cookies.set("cymuned_lang", "cy")
    http.cookies.set("cymuned_session_ref", "made-up")
    http.get("/_event/")
    assert token not in seen["cookie"] and "made-up" not in seen["cookie"]
    assert sorted(seen["cookie"].split("; ")) == [
        "cymuned_lang=cy", f"cymuned_session_ref={session_ref(token)}"]
    # The backend's own routes (here the members' directory download) get the real cookie.
    assert http.get("/api/members/export.csv").status_code == 200
    seen.clear()
    http.get("/anything-else")
    assert token not in seen["cookie"]
