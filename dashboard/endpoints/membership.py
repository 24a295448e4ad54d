"""Downloads from the Members page: the directory (/api/members/export.csv and .xlsx, with
the page's query string; the browser's session cookie says who is asking) and the public
bodies list or outreach list (/api/members/bodies.csv and .xlsx: no personal data, open to
all)."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from dashboard import routes as paths

MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


async def export(request: Request) -> Response:
    from reflex.model import get_engine
    from sqlmodel import Session

    from dashboard.domain.auth import actor_for_token
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError, PermissionDenied
    from dashboard.domain.membership.directory import DirectoryQuery
    from dashboard.domain.membership.member_export import export_members

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


async def bodies(request: Request) -> Response:
    from reflex.model import get_engine
    from sqlmodel import Session

    from dashboard.domain.errors import DomainError
    from dashboard.domain.membership.bodies import BodyQuery
    from dashboard.domain.membership.member_export import export_bodies
    from dashboard.vocabulary import BODY_TYPES, REGIONS

    fmt = request.path_params["fmt"]
    query = BodyQuery.from_params(request.query_params)
    with Session(get_engine()) as session:
        try:
            body = export_bodies(session, query, fmt, BODY_TYPES, REGIONS)
        except DomainError as error:
            return PlainTextResponse(str(error), status_code=400)
    name = "cymuned-outreach" if query.outreach else "cymuned-bodies"
    return Response(body, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
    })


routes = [Route(paths.MEMBER_EXPORT, export),
          Route(paths.BODIES_EXPORT, bodies)]
