"""/healthz: the database answers (for load balancers and uptime checks)."""

from __future__ import annotations

from sqlalchemy import text
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from dashboard import routes as paths


async def healthz(request: Request) -> JSONResponse:
    from reflex.model import get_engine

    try:
        with get_engine().connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception:  # noqa: BLE001 - any failure means unhealthy
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


routes = [Route(paths.HEALTH, healthz)]
