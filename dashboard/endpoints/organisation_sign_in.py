"""Signing in with one's organisation's account (OpenID Connect, Microsoft Entra ID): the
authorization code flow with PKCE.

``POST /auth/organisation`` (the sign-in page's button) sends the browser to the provider
with a fresh state, nonce and PKCE challenge; their secrets travel with the browser in a
short-lived cookie, encrypted and authenticated (AES-GCM, a key derived from the
installation's secret) and sent back only to the callback. ``GET /auth/organisation/callback``
checks the state, exchanges the code (with the PKCE verifier) for an ID token, has the domain
check the token (signature, audience, tenant, issuer, nonce) and match the member, then sets
the session cookie as a password sign-in does. Any refusal goes back to the sign-in page
with its reason, and stores nothing.
"""

from __future__ import annotations

import hmac
import json
import logging
import time

from joserfc import jwe
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from dashboard import routes as paths
from dashboard.connectors.openid import (
    FetchFailed,
    authorization_url,
    discover,
    exchange_code,
    new_request,
    signing_keys,
)
from dashboard.domain.organisation_sign_in import (
    OrganisationSignInSettings,
    sign_in_with_organisation,
    verify_id_token,
)
from dashboard.domain.signing_in import SignInRefused, safe_next
from dashboard.endpoints.signing_in import (
    from_this_site,
    in_transaction,
    reflex_config,
    served_over_https,
    signed_in_response,
    to_sign_in_page,
)
from dashboard.keys import derived_key

log = logging.getLogger(__name__)
FLOW_COOKIE = "cymuned_oidc"
FLOW_SECONDS = 600


def _flow_key() -> OctKey:
    return OctKey.import_key(derived_key("organisation-sign-in"))


def seal(flow: dict) -> str:
    return jwe.encrypt_compact({"alg": "dir", "enc": "A256GCM"},
                               json.dumps(flow).encode(), _flow_key())


def unseal(value: str | None) -> dict | None:
    """The flow's secrets, or None when missing, tampered with or older than FLOW_SECONDS."""
    if not value:
        return None
    try:
        flow = json.loads(jwe.decrypt_compact(value, _flow_key()).plaintext)
    except (JoseError, ValueError):
        return None
    return flow if isinstance(flow, dict) and flow.get("expires", 0) > time.time() else None


def redirect_uri(settings: OrganisationSignInSettings) -> str:
    backend = reflex_config().api_url.rstrip("/")
    return settings.redirect_uri or backend + paths.ORGANISATION_CALLBACK


def refused(code: str, next_page: str, request: Request) -> Response:
    response = to_sign_in_page(code, next_page)
    response.delete_cookie(FLOW_COOKIE, path=paths.ORGANISATION_CALLBACK, httponly=True,
                           samesite="lax", secure=served_over_https(request))
    return response


async def start(request: Request) -> Response:
    form = await request.form()
    next_page = safe_next(str(form.get("next") or ""))
    if not from_this_site(request):
        return to_sign_in_page("form", next_page)
    settings = OrganisationSignInSettings.from_environ()
    if settings is None:
        return to_sign_in_page("organisation-off", next_page)
    try:
        provider = await discover(settings.discovery_url)
    except FetchFailed as error:
        log.warning("organisation sign-in: %s", error)
        return to_sign_in_page("organisation-failed", next_page)
    secrets = new_request()
    response = RedirectResponse(
        authorization_url(provider, settings.client_id, redirect_uri(settings), secrets),
        status_code=303)
    flow = {"state": secrets.state, "nonce": secrets.nonce,
            "verifier": secrets.code_verifier, "next": next_page,
            "expires": time.time() + FLOW_SECONDS}
    # SameSite=Lax: the provider sends the browser back with a top-level GET, which carries it.
    response.set_cookie(FLOW_COOKIE, seal(flow), max_age=FLOW_SECONDS,
                        path=paths.ORGANISATION_CALLBACK, httponly=True, samesite="lax",
                        secure=served_over_https(request))
    return response


async def callback(request: Request) -> Response:
    flow = unseal(request.cookies.get(FLOW_COOKIE))
    next_page = safe_next(flow.get("next")) if flow else "/"
    state = request.query_params.get("state", "")
    if flow is None or not hmac.compare_digest(state, str(flow.get("state", ""))):
        return refused("organisation-expired", next_page, request)
    code = request.query_params.get("code", "")
    settings = OrganisationSignInSettings.from_environ()
    if settings is None:
        return refused("organisation-off", next_page, request)
    if not code or request.query_params.get("error"):
        log.info("organisation sign-in: the provider answered %s",
                 request.query_params.get("error", "without a code"))
        return refused("organisation-failed", next_page, request)
    try:
        provider = await discover(settings.discovery_url)
        id_token = await exchange_code(provider, settings.client_id, settings.client_secret,
                                       redirect_uri(settings), code, flow["verifier"])
        identity = await _verified(settings, provider, id_token, flow["nonce"])
        signed_in = await run_in_threadpool(in_transaction, sign_in_with_organisation,
                                            identity)
    except FetchFailed as error:
        log.warning("organisation sign-in: %s", error)
        return refused("organisation-failed", next_page, request)
    except SignInRefused as refusal:
        log.warning("organisation sign-in refused: %s", refusal.code)
        return refused(refusal.code, next_page, request)
    response = await signed_in_response(request, signed_in, next_page)
    response.delete_cookie(FLOW_COOKIE, path=paths.ORGANISATION_CALLBACK, httponly=True,
                           samesite="lax", secure=served_over_https(request))
    return response


async def _verified(settings, provider, id_token: str, nonce: str):
    """The checked identity; once more with fresh keys if the signature did not match
    (the provider may have rotated its keys since they were cached)."""
    try:
        return verify_id_token(settings, provider.issuer, await signing_keys(provider),
                               id_token, nonce)
    except SignInRefused as refusal:
        if refusal.code != "organisation-token":
            raise
    return verify_id_token(settings, provider.issuer,
                           await signing_keys(provider, refresh=True), id_token, nonce)


routes = [
    Route(paths.ORGANISATION_SIGN_IN, start, methods=["POST"]),
    Route(paths.ORGANISATION_CALLBACK, callback, methods=["GET"]),
]
