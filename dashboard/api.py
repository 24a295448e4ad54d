"""The backend's own HTTP API: the routes of every module in dashboard/endpoints/."""

from __future__ import annotations

import importlib
import pkgutil

from starlette.applications import Starlette

import dashboard.endpoints as endpoints


def build_api() -> Starlette:
    routes = []
    for info in sorted(pkgutil.iter_modules(endpoints.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{endpoints.__name__}.{info.name}")
        routes.extend(module.routes)
    return Starlette(routes=routes)
