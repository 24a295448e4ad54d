"""An OpenID Connect provider (Microsoft Entra ID): its discovery document and keys, the
authorization address with PKCE, and the code exchanged for tokens.

The protocol pieces (PKCE's S256 challenge, the authorization request, random values) are
authlib's; the requests are httpx's, with timeouts. What comes back is plain data; checking
the ID token is the domain's (dashboard/domain/organisation_sign_in.py).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri
from authlib.oauth2.rfc7636 import create_s256_code_challenge

from dashboard.errors import MessageError

TIMEOUT = httpx.Timeout(10.0, connect=5.0)
CACHE_SECONDS = 600
SCOPE = "openid email profile"


class FetchFailed(MessageError):
    """The provider could not be reached, or refused; the message says which."""


@dataclass(frozen=True)
class Provider:
    issuer: str  # Entra ID's multi-tenant issuer holds "{tenantid}"
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class Request:
    """One authorization request's secrets, kept by the browser (encrypted) until the
    provider sends it back."""

    state: str
    nonce: str
    code_verifier: str


_cache: dict[str, tuple[float, object]] = {}


async def _get_json(url: str) -> dict:
    cached = _cache.get(url)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.get(url)
        response.raise_for_status()
        data = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise FetchFailed("The identity provider at {url} could not be read: {reason}",
                          url=url, reason=str(error) or type(error).__name__) from error
    _cache[url] = (time.monotonic() + CACHE_SECONDS, data)
    return data


async def discover(discovery_url: str) -> Provider:
    data = await _get_json(discovery_url)
    try:
        return Provider(issuer=data["issuer"],
                        authorization_endpoint=data["authorization_endpoint"],
                        token_endpoint=data["token_endpoint"], jwks_uri=data["jwks_uri"])
    except KeyError as error:
        raise FetchFailed("The identity provider's discovery document has no {field}.",
                          field=error.args[0]) from error


async def signing_keys(provider: Provider, refresh: bool = False) -> dict:
    """The provider's JWKS (cached; ``refresh`` after a key rotation)."""
    if refresh:
        _cache.pop(provider.jwks_uri, None)
    return await _get_json(provider.jwks_uri)


def new_request() -> Request:
    return Request(state=generate_token(32), nonce=generate_token(32),
                   code_verifier=generate_token(64))


def authorization_url(provider: Provider, client_id: str, redirect_uri: str,
                      request: Request) -> str:
    """Where to send the browser: the code flow, with PKCE (S256), state and nonce."""
    return prepare_grant_uri(
        provider.authorization_endpoint, client_id, "code", redirect_uri=redirect_uri,
        scope=SCOPE, state=request.state, nonce=request.nonce,
        code_challenge=create_s256_code_challenge(request.code_verifier),
        code_challenge_method="S256", response_mode="query")


async def exchange_code(provider: Provider, client_id: str, client_secret: str,
                        redirect_uri: str, code: str, code_verifier: str) -> str:
    """The ID token for an authorization code (with the PKCE verifier)."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
            "client_id": client_id, "client_secret": client_secret,
            "code_verifier": code_verifier}
    try:
        async with httpx.AsyncClient(timeout=TIMEOUT) as client:
            response = await client.post(provider.token_endpoint, data=form,
                                         headers={"Accept": "application/json"})
        data = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise FetchFailed("The identity provider's token endpoint could not be read: {reason}",
                          reason=str(error) or type(error).__name__) from error
    if response.status_code != 200 or not isinstance(data.get("id_token"), str):
        raise FetchFailed("The identity provider refused the sign-in: {reason}",
                          reason=str(data.get("error_description") or data.get("error")
                                     or response.status_code))
    return data["id_token"]
