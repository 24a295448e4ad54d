"""Health, readiness and metrics, for the reverse proxy, uptime checks and Prometheus.

- ``/healthz``: the process is up and answering (nothing else is checked, so a database
  outage does not make every instance look dead to a supervisor that restarts it).
- ``/readyz``: ready for traffic: the database and Redis answer and the schema is current
  (dashboard/operations/readiness.py). The proxy stops routing to an instance that is not.
- ``/metrics``: Prometheus text format (dashboard/operations/metrics.py).

The public site (the proxy's configuration) does not pass ``/readyz`` and ``/metrics`` on:
they are for the operators' network.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from dashboard import routes as paths
from dashboard.operations import metrics, readiness


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> JSONResponse:
    from reflex.model import get_engine

    # Its own connection, not one from the app's pool (busy under load: see probe_engine).
    engine = readiness.probe_engine(get_engine().url.render_as_string(hide_password=False))
    result = await run_in_threadpool(readiness.check, engine)
    return JSONResponse({"status": "ready" if result.ready else "not ready",
                         "checks": result.checks}, status_code=200 if result.ready else 503)


async def metrics_text(request: Request) -> Response:
    body, content_type = await run_in_threadpool(metrics.exposition)
    return Response(body, media_type=content_type)


routes = [Route(paths.HEALTH, healthz), Route(paths.READY, readyz),
          Route(paths.METRICS, metrics_text)]
