"""Downloads of the member directory: /api/members/export.csv and .xlsx, with the same query
string as the Members page. The browser's session cookie says who is asking."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


async def export(request: Request) -> Response:
    from reflex.model import get_engine
    from sqlmodel import Session

    from dashboard.domain.auth import actor_for_token
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError, PermissionDenied
    from dashboard.domain.member_export import export_members
    from dashboard.domain.membership import DirectoryQuery

    fmt = request.path_params["fmt"]
    query = DirectoryQuery.from_params(request.query_params)
    with Session(get_engine()) as session:
        actor = actor_for_token(session, request.cookies.get("cymuned_session"))
        try:
            body = export_members(session, actor, query, utc_now(), fmt)
            session.commit()
        except PermissionDenied as error:
            return PlainTextResponse(str(error), status_code=403)
        except DomainError as error:
            return PlainTextResponse(str(error), status_code=400)
    return Response(body, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="cymuned-members.{fmt}"',
        "Cache-Control": "no-store",
    })


routes = [Route("/api/members/export.{fmt:str}", export)]
