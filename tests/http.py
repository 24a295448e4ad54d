"""A Starlette test client for backend routes (the ones mounted with api_transformer)."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():  # starlette's notice about httpx in its test client
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient


def client(routes) -> TestClient:
    from starlette.applications import Starlette

    return TestClient(Starlette(routes=routes))
