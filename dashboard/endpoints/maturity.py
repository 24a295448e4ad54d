"""Read-only published maturity aggregates for tools such as Power BI.

    /api/maturity/aggregates.json   {"threshold": 5, "round": "2026", "provisional": true,
                                     "round_closes_on": "2027-02-28", "rows": [...]}
    /api/maturity/aggregates.csv    the same rows; withheld values empty, flagged "yes";
                                    every row's ``provisional`` is "yes" while the round
                                    is still open

Only the suppressed (published) figures: the same rows a visitor sees on the page.
"""

from __future__ import annotations

from sqlmodel import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dashboard import routes as paths
from dashboard.domain.maturity.publishing import aggregates_csv, published_aggregates
from dashboard.domain.maturity.sector import sector_figures


def _figures():
    from reflex.model import get_engine

    with Session(get_engine()) as session:
        return sector_figures(session)


def _language(request: Request) -> str:
    """``?lang=``, else the reader's language cookie, else English: for the display-name
    columns (the codes beside them never change)."""
    from dashboard.i18n import normalise_language

    return normalise_language(request.query_params.get("lang")
                              or request.cookies.get("cymuned_lang"))


HEADERS = {"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*",
           "Vary": "Cookie"}


def aggregates_json(request: Request) -> JSONResponse:
    figures = _figures()
    return JSONResponse(
        {"threshold": figures.threshold,
         "framework": figures.framework.version if figures.framework else None,
         "round": figures.current_round, "provisional": figures.provisional,
         "round_closes_on": (figures.round_closes_on.isoformat()
                             if figures.round_closes_on else None),
         "rows": published_aggregates(figures, _language(request))},
        headers=HEADERS,
    )


def aggregates_csv_response(request: Request) -> Response:
    return Response(
        aggregates_csv(_figures(), _language(request)), media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="maturity-aggregates.csv"',
                 **HEADERS},
    )


routes = [
    Route(paths.MATURITY_AGGREGATES_JSON, aggregates_json, methods=["GET"]),
    Route(paths.MATURITY_AGGREGATES_CSV, aggregates_csv_response, methods=["GET"]),
]
