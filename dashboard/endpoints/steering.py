"""The meeting pack and minutes as PDF:

    /api/steering/meetings/<id>/pack.pdf      the steering group only
    /api/steering/meetings/<id>/minutes.pdf   anyone, once the minutes are published

The browser's session cookie says who is asking; a refusal is a short message in the
reader's language (``?lang=``, else the language cookie, else English).
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from dashboard import routes as paths
from dashboard.endpoints.membership import reader_language, refusal


async def meeting_document(request: Request) -> Response:
    from reflex.model import get_engine
    from sqlmodel import Session

    from dashboard.domain.auth import actor_for_token
    from dashboard.domain.clock import london_today, utc_now
    from dashboard.domain.errors import DomainError, NotFound, PermissionDenied
    from dashboard.domain.steering.documents import meeting_pack_pdf, minutes_pdf

    meeting_id, document = request.path_params["meeting_id"], request.path_params["document"]
    lang = reader_language(request)
    with Session(get_engine()) as session:
        actor = actor_for_token(session, request.cookies.get("cymuned_session"))
        try:
            if document == "pack":
                body = meeting_pack_pdf(session, actor, meeting_id, london_today(utc_now()))
            elif document == "minutes":
                body = minutes_pdf(session, actor, meeting_id)
            else:
                raise NotFound("There is no meeting with that number.")
        except PermissionDenied as error:
            return refusal(error, lang, 403)
        except NotFound as error:
            return refusal(error, lang, 404)
        except DomainError as error:
            return refusal(error, lang, 400)
    return Response(body, media_type="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="meeting-{meeting_id}-{document}.pdf"',
        "Cache-Control": "no-store",
    })


routes = [Route(paths.MEETING_PACK, meeting_document)]
