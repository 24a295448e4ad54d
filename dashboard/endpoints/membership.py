"""Downloads from the Members page: the directory (/api/members/export.csv and .xlsx, with
the page's query string; the browser's session cookie says who is asking) and the public
bodies list or outreach list (/api/members/bodies.csv and .xlsx: no personal data, open to
all).

Each file is in the reader's language: ``?lang=cy`` or ``?lang=en`` if the link asks, else
the language cookie the browser sends with the download (the pages' switch sets it), else
English. Headings, the names of stored codes and any refusal are in that language.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from dashboard import routes as paths
from dashboard.errors import MessageError
from dashboard.i18n import normalise_language, pick_language, translate

MEDIA = {"csv": "text/csv; charset=utf-8",
         "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
LANGUAGE_COOKIE = "cymuned_lang"  # AppState.lang's cookie


def reader_language(request: Request) -> str:
    """``?lang=``, else the language cookie, else English."""
    asked = request.query_params.get("lang") or request.cookies.get(LANGUAGE_COOKIE)
    return normalise_language((asked or "").strip().strip('"').lower())


def refusal(error: MessageError, lang: str, status_code: int) -> Response:
    text = translate(error.msgid, lang, **pick_language(error.params, lang))
    return PlainTextResponse(text, status_code=status_code)


async def export(request: Request) -> Response:
    from reflex.model import get_engine
    from sqlmodel import Session

    from dashboard.domain.auth import actor_for_token
    from dashboard.domain.clock import utc_now
    from dashboard.domain.errors import DomainError, PermissionDenied
    from dashboard.domain.membership.directory import DirectoryQuery
    from dashboard.domain.membership.member_export import export_members

    fmt = request.path_params["fmt"]
    lang = reader_language(request)
    query = DirectoryQuery.from_params(request.query_params)
    with Session(get_engine()) as session:
        actor = actor_for_token(session, request.cookies.get("cymuned_session"))
        try:
            body = export_members(session, actor, query, utc_now(), fmt, lang)
            session.commit()
        except PermissionDenied as error:
            return refusal(error, lang, 403)
        except DomainError as error:
            return refusal(error, lang, 400)
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

    fmt = request.path_params["fmt"]
    lang = reader_language(request)
    query = BodyQuery.from_params(request.query_params)
    with Session(get_engine()) as session:
        try:
            body = export_bodies(session, query, fmt, lang)
        except DomainError as error:
            return refusal(error, lang, 400)
    name = "cymuned-outreach" if query.outreach else "cymuned-bodies"
    return Response(body, media_type=MEDIA[fmt], headers={
        "Content-Disposition": f'attachment; filename="{name}.{fmt}"',
        # The language may come from the cookie: a cache must not hand one reader's
        # language to another.
        "Cache-Control": "private, no-cache",
        "Vary": "Cookie",
    })


routes = [Route(paths.MEMBER_EXPORT, export),
          Route(paths.BODIES_EXPORT, bodies)]
